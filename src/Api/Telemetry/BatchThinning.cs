using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Keeps a message under its layer-value budget: when a batch's layer frames carry more values than the budget, keeps
/// the frames of steps with events, the last frame and evenly spaced others. Only present values count: a metric the
/// net does not measure, or a sparse one a step did not compute, is null and costs the budget nothing. Step points and
/// events are never thinned.
/// </summary>
public static class BatchThinning
{
    public static (List<LayerFrame> Frames, bool Thinned) Fit(List<LayerFrame> frames, IReadOnlySet<int> eventSteps, int budget)
    {
        if (frames.Count == 0) return (frames, false);
        long present = 0;
        foreach (var frame in frames) present += PresentValues(frame);
        if (present <= budget) return (frames, false);
        var steps = new List<int>(frames.Count);
        foreach (var frame in frames) steps.Add(frame.Step);
        var keep = Pick(steps, eventSteps, (int)Math.Max(1, budget * (long)frames.Count / present));
        if (keep.Count == frames.Count) return (frames, false);
        return (frames.FindAll(f => keep.Contains(f.Step)), true);
    }

    /// <summary>The values a frame carries (not null).</summary>
    public static int PresentValues(LayerFrame frame)
    {
        var count = 0;
        foreach (var metric in frame.Values)
            foreach (var value in metric)
                if (value.HasValue) count++;
        return count;
    }

    /// <summary>Frames of <paramref name="layers"/> layers, every metric present, that fit in <paramref name="budget"/> values (the backfill's bound, chosen before it reads the frames).</summary>
    public static int Room(int layers, int budget) => Math.Max(1, budget / Math.Max(1, layers * LayerMetrics.Count));

    /// <summary>The steps to keep frames for: all when they fit, else event steps, the last step and evenly spaced ones.</summary>
    public static HashSet<int> Pick(IReadOnlyList<int> steps, IReadOnlySet<int> eventSteps, int room)
    {
        if (steps.Count <= room) return [.. steps];
        var keep = new HashSet<int> { steps[^1] };
        foreach (var step in steps)
        {
            if (keep.Count >= room) break;
            if (eventSteps.Contains(step)) keep.Add(step);
        }
        var free = room - keep.Count;
        if (free <= 0) return keep;
        var stride = steps.Count / (double)free;
        for (var x = 0.0; x < steps.Count && keep.Count < room; x += stride) keep.Add(steps[(int)x]);
        return keep;
    }
}
