namespace GradientService.Core.Detection;

/// <summary>
/// One detector's condition on one track (a layer, or the whole net): its current episode, pending until the condition has
/// held on <see cref="Patience"/> consecutive recorded steps, then open until <see cref="Patience"/> consecutive recorded
/// steps without it (the same hysteresis both ways, so a condition that flickers around its threshold makes one episode,
/// not one per flicker; with patience 1 an episode closes at the first step without it). Created once per
/// run by <see cref="EpisodeLog.Slot"/>; holding it allocates nothing except the message, built when the episode opens,
/// closes or its layer or peak moves materially (by more than <see cref="MaterialChange"/> of the peak).
/// </summary>
public sealed class EpisodeSlot
{
    /// <summary>A peak this much (relative) past the one the message states rewrites the message.</summary>
    public const double MaterialChange = 0.1;

    private readonly EpisodeLog _log;
    private readonly Func<EpisodeSlot, string> _describe;
    private double _describedPeak;
    private int _describedLayer;

    internal EpisodeSlot(EpisodeLog log, string kind, int track, int patience, PeakRule peak, LayerRule layer, Func<EpisodeSlot, string> describe)
    {
        (_log, Kind, Track, Patience, PeakIs, LayerIs, _describe) = (log, kind, track, patience, peak, layer, describe);
    }

    /// <summary>Which extreme of the held values an episode reports.</summary>
    public enum PeakRule { Largest, Smallest }

    /// <summary>Which layer an episode reports: the one given when it began, or the deepest given while it lasted.</summary>
    public enum LayerRule { First, Deepest }

    public string Kind { get; }
    public int Track { get; }
    public int Patience { get; }
    public PeakRule PeakIs { get; }
    public LayerRule LayerIs { get; }

    public int FirstStep { get; private set; }
    public int LastStep { get; private set; }

    /// <summary>Recorded steps held so far (0: no episode, pending or open).</summary>
    public int Steps { get; private set; }

    public int Layer { get; private set; }
    public double Peak { get; private set; } = double.NaN;
    public int PeakStep { get; private set; }
    public bool Open { get; private set; }
    public string Message { get; private set; } = "";

    /// <summary>The log's step at which this slot was last held.</summary>
    internal long HeldAt { get; private set; }

    /// <summary>Consecutive recorded steps without the condition while open.</summary>
    private int _misses;

    /// <summary>The condition holds at recorded <paramref name="step"/> with <paramref name="value"/> (NaN: none) at <paramref name="layer"/> (0: none).</summary>
    public void Hold(int step, double value, int layer)
    {
        if (Steps > 0 && LastStep == step) return;
        if (Steps == 0)
        {
            (FirstStep, Layer, Peak, PeakStep) = (step, layer, value, step);
            _log.Began(this);
        }
        else
        {
            if (LayerIs == LayerRule.Deepest && layer > Layer) Layer = layer;
            if (double.IsNaN(Peak) || (PeakIs == PeakRule.Largest ? value > Peak : value < Peak)) (Peak, PeakStep) = (value, step);
        }
        LastStep = step;
        Steps++;
        _misses = 0;
        if (Open)
        {
            if (Layer != _describedLayer || Material()) Describe();
            _log.Record(this);
        }
        else if (Steps >= Patience)
        {
            Open = true;
            Describe();
            _log.Record(this);
        }
        HeldAt = _log.Tick;
    }

    /// <summary>
    /// A recorded step that measured nothing this slot looks at (a gradient-free run between its gradient probes): the
    /// episode, pending or open, carries on unchanged instead of ending.
    /// </summary>
    public void Keep()
    {
        if (Steps > 0) HeldAt = _log.Tick;
    }

    /// <summary>A one-step episode at <paramref name="step"/>, closed at once, with its own message.</summary>
    public void Once(int step, double value, int layer, string message)
    {
        (FirstStep, LastStep, Steps, Layer, Peak, PeakStep, Open, Message) = (step, step, 1, layer, value, step, false, message);
        _log.Record(this);
        Steps = 0;
    }

    public EpisodeState State => new(Kind, Track, Layer, FirstStep, LastStep, Steps, Peak, PeakStep, Open, Message);

    /// <summary>
    /// A recorded step without the condition: a pending episode is dropped, an open one closes once this is the
    /// <see cref="Patience"/>-th such step in a row. True when the slot has ended.
    /// </summary>
    internal bool Miss()
    {
        if (Open && ++_misses < Patience) return false;
        End();
        return true;
    }

    /// <summary>The run's end (or <see cref="Patience"/> steps without the condition): an open episode closes, a pending one is dropped.</summary>
    internal void End()
    {
        if (Open)
        {
            Open = false;
            Describe();
            _log.Record(this);
        }
        Steps = 0;
        _misses = 0;
    }

    private bool Material() => !double.IsNaN(Peak) && !(Math.Abs(Peak - _describedPeak) <= MaterialChange * Math.Abs(_describedPeak));

    private void Describe()
    {
        Message = _describe(this);
        (_describedPeak, _describedLayer) = (Peak, Layer);
    }
}
