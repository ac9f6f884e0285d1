using GradientService.Contracts.Wire;

namespace GradientService.Api.Hubs;

/// <summary>
/// Spreads the steps of a burst over a <see cref="LiveView"/>'s updates. At full speed the recorder commits (and the
/// hub gets) ~950 steps every 0.3–0.5 s, so one digest in four carried everything and the page's update after it took
/// the time of four. A burst that came <i>n</i> update intervals after the one before (at most <see cref="MaxSpread"/>)
/// goes out over the next <i>n</i> updates, in equal parts of at least <see cref="MinStepsPerUpdate"/> steps; bursts
/// that come every interval, and small ones, go out whole at once. Every step goes out once, in order, so every spike
/// keeps its value and step. Single-threaded (the subscriber's send loop).
/// </summary>
public sealed class DigestPacer(TimeSpan interval)
{
    /// <summary>Fewer steps than this cost the page next to nothing: never held back.</summary>
    public const int MinStepsPerUpdate = 64;

    /// <summary>Updates a burst may be spread over at most (so a step shows at most this many intervals late).</summary>
    public const int MaxSpread = 4;

    private readonly List<StepBatch> _pending = [];
    private int _pendingSteps;
    private int _quota;
    private TimeSpan? _lastArrival;

    public bool IsEmpty => _pending.Count == 0;

    /// <summary>Queues a burst (the batches read from the outbox at once) that arrived at <paramref name="now"/>.</summary>
    public void Add(IReadOnlyList<StepBatch> burst, TimeSpan now)
    {
        if (burst.Count == 0) return;
        _pending.AddRange(burst);
        _pendingSteps += burst.Sum(b => b.Steps.Count);
        var spread = _lastArrival is { } last ? Math.Clamp((int)Math.Round((now - last) / interval), 1, MaxSpread) : 1;
        _lastArrival = now;
        _quota = Math.Max(MinStepsPerUpdate, (_pendingSteps + spread - 1) / spread);
    }

    /// <summary>What this update sends: the pending batches, the last of them cut after this update's share of the steps.</summary>
    public List<StepBatch> Next() => Take(_quota);

    /// <summary>Everything pending (before a status change, which must follow the steps before it).</summary>
    public List<StepBatch> All() => Take(int.MaxValue);

    private List<StepBatch> Take(int steps)
    {
        List<StepBatch> taken = [];
        while (_pending.Count > 0 && steps > 0)
        {
            var batch = _pending[0];
            if (batch.Steps.Count > steps) (batch, _pending[0]) = Split(batch, batch.Steps[steps - 1].Step);
            else _pending.RemoveAt(0);
            taken.Add(batch);
            steps -= batch.Steps.Count;
            _pendingSteps -= batch.Steps.Count;
        }
        return taken;
    }

    /// <summary>
    /// The steps through <paramref name="through"/> with their frames and events, and the rest; the episodes' newest
    /// states go with the rest (they may reach past the first part).
    /// </summary>
    public static (StepBatch Head, StepBatch Tail) Split(StepBatch batch, int through)
    {
        var head = batch with
        {
            LastStep = through,
            Steps = [.. batch.Steps.Where(s => s.Step <= through)],
            Layers = [.. batch.Layers.Where(f => f.Step <= through)],
            Recurrent = [.. batch.Recurrent.Where(f => f.Step <= through)],
            Events = [.. batch.Events.Where(e => e.Step <= through)],
            Episodes = [],
            OutputDepths = batch.OutputDepths is null ? null : [.. batch.OutputDepths.Where(f => f.Step <= through)],
        };
        return (head, After(batch, through));
    }

    /// <summary>The steps after <paramref name="through"/> with their frames and events; the episodes as they are.</summary>
    public static StepBatch After(StepBatch batch, int through)
    {
        List<StepPoint> steps = [.. batch.Steps.Where(s => s.Step > through)];
        return batch with
        {
            FirstStep = steps.Count > 0 ? steps[0].Step : through + 1,
            Steps = steps,
            Layers = [.. batch.Layers.Where(f => f.Step > through)],
            Recurrent = [.. batch.Recurrent.Where(f => f.Step > through)],
            Events = [.. batch.Events.Where(e => e.Step > through)],
            OutputDepths = batch.OutputDepths is null ? null : [.. batch.OutputDepths.Where(f => f.Step > through)],
        };
    }
}
