using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Keeps a message under its layer-value budget: when a batch has too many layer frames, keeps the frames of steps
/// with events, the last frame and evenly spaced others. Step points and events are never thinned.
/// </summary>
public static class BatchThinning
{
    public static (List<LayerFrame> Frames, bool Thinned) Fit(List<LayerFrame> frames, IReadOnlySet<int> eventSteps, int budget)
    {
        if (frames.Count == 0) return (frames, false);
        var keep = Pick(frames.Select(f => f.Step).ToList(), eventSteps, Room(WireFrames.LayerCount(frames[0]), budget));
        if (keep.Count == frames.Count) return (frames, false);
        return (frames.Where(f => keep.Contains(f.Step)).ToList(), true);
    }

    /// <summary>Frames of <paramref name="layers"/> layers that fit in <paramref name="budget"/> values.</summary>
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
