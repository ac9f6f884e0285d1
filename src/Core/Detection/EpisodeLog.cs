namespace GradientService.Core.Detection;

/// <summary>
/// The episodes of one run, shared by its detectors. Each detector makes its slots once (<see cref="Slot"/>) and holds
/// them on the recorded steps where its condition holds; <see cref="EndStep"/> then ends every episode not held at that
/// step, and <see cref="Changed"/> lists the newest state of each episode that opened, grew or closed at it (what the
/// pipeline stores and pushes). Allocation-free per step while no episode opens or closes.
/// </summary>
public sealed class EpisodeLog
{
    private readonly List<EpisodeSlot> _active = [];
    private readonly List<EpisodeState> _changed = [];

    /// <summary>The episodes that changed at the last step (or at <see cref="CloseAll"/>), in the order they changed.</summary>
    public IReadOnlyList<EpisodeState> Changed => _changed;

    /// <summary>A new slot: <paramref name="kind"/> on <paramref name="track"/> (1-based layer, 0 for the whole net).</summary>
    public EpisodeSlot Slot(string kind, int track, Func<EpisodeSlot, string> describe, int patience = 1,
        EpisodeSlot.PeakRule peak = EpisodeSlot.PeakRule.Largest, EpisodeSlot.LayerRule layer = EpisodeSlot.LayerRule.First)
    {
        return new EpisodeSlot(this, kind, track, patience, peak, layer, describe);
    }

    /// <summary>Starts a recorded step: forgets the last step's changes.</summary>
    public void BeginStep()
    {
        _changed.Clear();
        Tick++;
    }

    /// <summary>Ends a recorded step: every episode not held at it misses a step (a pending one ends, an open one after its patience).</summary>
    public void EndStep()
    {
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            if (_active[i].HeldAt == Tick || !_active[i].Miss()) continue;
            _active[i] = _active[^1];
            _active.RemoveAt(_active.Count - 1);
        }
    }

    /// <summary>The run ended: every open episode closes (added to <see cref="Changed"/>), pending ones are dropped.</summary>
    public void CloseAll()
    {
        foreach (var slot in _active) slot.End();
        _active.Clear();
    }

    /// <summary>Counts the recorded steps begun: a slot held at this one carries it.</summary>
    internal long Tick { get; private set; }

    /// <summary>A slot whose episode just began (pending or open).</summary>
    internal void Began(EpisodeSlot slot) => _active.Add(slot);

    internal void Record(EpisodeSlot slot) => _changed.Add(slot.State);
}
