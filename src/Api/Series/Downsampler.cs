using GradientService.Contracts.Wire;

namespace GradientService.Api.Series;

/// <summary>
/// Reduces a series to a point budget without hiding spikes. Never plain striding: min-max keeps each bucket's smallest
/// and largest finite value at their own steps; LTTB (Steinarsson 2013) keeps the point spanning the largest triangle.
/// A bucket that holds a NaN or ±∞ flags its points (or, with no finite value, keeps the non-finite one).
/// </summary>
public static class Downsampler
{
    public const string MinMax = "min-max";
    public const string Lttb = "lttb";

    public static readonly IReadOnlyList<string> Methods = [MinMax, Lttb];

    /// <summary>Downsamples (steps ascending) to at most about <paramref name="maxPoints"/> points.</summary>
    public static List<SeriesPoint> Reduce(ReadOnlySpan<int> steps, ReadOnlySpan<double> values, int maxPoints, string method, int from, int to)
    {
        if (steps.Length <= maxPoints) return All(steps, values);
        return method == Lttb ? LargestTriangle(steps, values, maxPoints) : MinMaxBuckets(steps, values, Math.Max(1, maxPoints / 2), from, to);
    }

    public static List<SeriesPoint> All(ReadOnlySpan<int> steps, ReadOnlySpan<double> values)
    {
        var points = new List<SeriesPoint>(steps.Length);
        for (var i = 0; i < steps.Length; i++) points.Add(Point(steps[i], values[i], !double.IsFinite(values[i])));
        return points;
    }

    /// <summary>Min-max over <paramref name="buckets"/> equal step ranges of [from, to] (a fixed grid, so several runs align).</summary>
    public static List<SeriesPoint> MinMaxBuckets(ReadOnlySpan<int> steps, ReadOnlySpan<double> values, int buckets, int from, int to) =>
        MinMaxBuckets(steps, values, new BucketGrid(from, Math.Max(1, (int)Math.Ceiling((to - from + 1) / (double)buckets)), buckets));

    /// <summary>Min-max over the buckets of <paramref name="grid"/> (steps ascending, none before its origin).</summary>
    public static List<SeriesPoint> MinMaxBuckets(ReadOnlySpan<int> steps, ReadOnlySpan<double> values, BucketGrid grid)
    {
        var (from, width, buckets) = (grid.Origin, grid.Width, grid.Buckets);
        var points = new List<SeriesPoint>(buckets * 2);
        var i = 0;
        while (i < steps.Length)
        {
            var bucket = (steps[i] - from) / width;
            int minAt = -1, maxAt = -1, nonFiniteAt = -1;
            for (; i < steps.Length && (steps[i] - from) / width == bucket; i++)
            {
                var v = values[i];
                if (!double.IsFinite(v)) { if (nonFiniteAt < 0) nonFiniteAt = i; continue; }
                if (minAt < 0 || v < values[minAt]) minAt = i;
                if (maxAt < 0 || v > values[maxAt]) maxAt = i;
            }
            var flagged = nonFiniteAt >= 0;
            if (minAt < 0) { points.Add(Point(steps[nonFiniteAt], values[nonFiniteAt], true)); continue; }
            var (first, second) = minAt <= maxAt ? (minAt, maxAt) : (maxAt, minAt);
            points.Add(Point(steps[first], values[first], flagged));
            if (second != first) points.Add(Point(steps[second], values[second], flagged));
        }
        return points;
    }

    private static List<SeriesPoint> LargestTriangle(ReadOnlySpan<int> steps, ReadOnlySpan<double> values, int maxPoints)
    {
        var n = steps.Length;
        var points = new List<SeriesPoint>(maxPoints);
        var every = (n - 2) / (double)(maxPoints - 2);
        var a = 0;
        points.Add(Point(steps[0], values[0], !double.IsFinite(values[0])));
        for (var b = 0; b < maxPoints - 2; b++)
        {
            var start = (int)Math.Floor(b * every) + 1;
            var end = Math.Min((int)Math.Floor((b + 1) * every) + 1, n - 1);
            var nextEnd = Math.Min((int)Math.Floor((b + 2) * every) + 1, n);
            double avgX = 0, avgY = 0;
            var count = 0;
            for (var j = end; j < nextEnd; j++)
                if (double.IsFinite(values[j])) { avgX += steps[j]; avgY += values[j]; count++; }
            if (count > 0) { avgX /= count; avgY /= count; }
            int chosen = -1, nonFiniteAt = -1;
            var best = -1.0;
            for (var j = start; j < end; j++)
            {
                if (!double.IsFinite(values[j])) { if (nonFiniteAt < 0) nonFiniteAt = j; continue; }
                var ay = double.IsFinite(values[a]) ? values[a] : values[j];
                var area = Math.Abs((steps[a] - avgX) * (values[j] - ay) - (steps[a] - steps[j]) * (avgY - ay));
                if (area > best) { best = area; chosen = j; }
            }
            if (chosen < 0) chosen = nonFiniteAt;
            if (chosen < 0) continue;
            points.Add(Point(steps[chosen], values[chosen], nonFiniteAt >= 0));
            a = chosen;
        }
        points.Add(Point(steps[n - 1], values[n - 1], !double.IsFinite(values[n - 1])));
        return points;
    }

    private static SeriesPoint Point(int step, double value, bool nonFinite) => new(step, value, nonFinite ? true : null);
}

/// <summary>Min-max buckets of <see cref="Width"/> steps, the first starting at step <see cref="Origin"/>.</summary>
public readonly record struct BucketGrid(int Origin, int Width, int Buckets)
{
    public int BucketOf(int step) => (step - Origin) / Width;
}
