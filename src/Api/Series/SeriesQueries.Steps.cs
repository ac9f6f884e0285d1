using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Series;

// The scalar step series: min-max from the 64-step rollups when a point bucket spans whole rollup buckets, else raw rows.
public sealed partial class SeriesQueries
{
    public async Task<SeriesResponse> StepsAsync(RunRecord run, IReadOnlyList<StepMetric> fields, int from, int to, int maxPoints, string method, CancellationToken cancel)
    {
        var grid = method == Downsampler.MinMax ? RollupGrid(from, to, maxPoints) : null;
        if (grid is { } g && await FromRollupsAsync(run, fields, from, to, maxPoints, g, cancel) is { } served) return served;
        var rows = await store.StepsAsync(run.Key, from, to, MaxRawRows, cancel);
        var series = new List<SeriesData>(fields.Count);
        foreach (var field in fields)
        {
            var steps = new List<int>(rows.Count);
            var values = new List<double>(rows.Count);
            foreach (var row in rows)
            {
                if (row.Value(field) is not { } value) continue;
                steps.Add(row.Step);
                values.Add(value);
            }
            var points = steps.Count <= maxPoints ? Downsampler.All([.. steps], [.. values])
                : grid is { } on ? Downsampler.MinMaxBuckets([.. steps], [.. values], on)
                : Downsampler.Reduce([.. steps], [.. values], maxPoints, method, from, to);
            series.Add(new SeriesData(StepMetrics.Table[field].Name, points));
        }
        return Response(run, from, to, rows.Count, maxPoints, method, series);
    }

    /// <summary>
    /// The min-max grid of a step series whose buckets span a rollup bucket or more: widths of whole rollup buckets,
    /// starting at the rollup bucket that holds <paramref name="from"/>, so each point bucket is a run of whole rollups
    /// (with raw rows at the edges of [from, to]). The same grid whether served from rollups or raw rows; null for finer
    /// grids (raw rows on the plain grid from <paramref name="from"/>).
    /// </summary>
    public static BucketGrid? RollupGrid(int from, int to, int maxPoints)
    {
        var buckets = Math.Max(1, maxPoints / 2);
        if ((to - from + 1) / (double)buckets < LayerRollup.Width) return null;
        var origin = LayerRollup.BucketOf(from) * LayerRollup.Width + 1;
        var rollupsPerBucket = (int)Math.Ceiling((to - origin + 1) / (double)buckets / LayerRollup.Width);
        return new BucketGrid(origin, rollupsPerBucket * LayerRollup.Width, buckets);
    }

    /// <summary>
    /// Min-max from the rollups of the whole buckets inside [from, to] and the raw rows of the partial ones at its edges.
    /// Null when that would not downsample, or when the rollups do not account for every stored step (a run recorded
    /// before they existed): the raw read answers then, on the same grid.
    /// </summary>
    private async Task<SeriesResponse?> FromRollupsAsync(RunRecord run, IReadOnlyList<StepMetric> fields, int from, int to, int maxPoints, BucketGrid grid, CancellationToken cancel)
    {
        const int width = LayerRollup.Width;
        var (first, last) = (LayerRollup.BucketOf(from), LayerRollup.BucketOf(to));
        var (headPartial, tailPartial) = (from != first * width + 1, to != (last + 1) * width);
        var head = headPartial ? await store.StepsAsync(run.Key, from, (first + 1) * width, width, cancel) : [];
        var tail = tailPartial ? await store.StepsAsync(run.Key, last * width + 1, to, width, cancel) : [];
        var (inner, innerLast) = (headPartial ? first + 1 : first, tailPartial ? last - 1 : last);
        var rollups = inner <= innerLast ? await store.StepRollupsAsync(run.Key, inner, innerLast, cancel) : [];
        var count = head.Count + tail.Count + rollups.Sum(r => r.Count);
        if (count <= maxPoints || count != await store.CountStepsAsync(run.Key, from, to, cancel)) return null;

        var series = new List<SeriesData>(fields.Count);
        var cells = new StepRollup.FieldStats[grid.BucketOf(to) + 1];
        foreach (var field in fields)
        {
            Array.Clear(cells);
            void AddRaw(List<StepRow> rows)
            {
                foreach (var row in rows)
                {
                    if (row.Value(field) is { } value) cells[grid.BucketOf(row.Step)].Add(row.Step, value);
                }
            }
            AddRaw(head);
            foreach (var r in rollups) cells[grid.BucketOf(r.Bucket * width + 1)].Add(StepRollup.Read(r.Stats, field));
            AddRaw(tail);
            series.Add(new SeriesData(StepMetrics.Table[field].Name, Points(cells)));
        }
        return Response(run, from, to, count, maxPoints, Downsampler.MinMax, series);
    }

    /// <summary>Each bucket's min and max at their own steps (one point when they coincide), as the raw min-max reduction gives them.</summary>
    private static List<SeriesPoint> Points(StepRollup.FieldStats[] cells)
    {
        var points = new List<SeriesPoint>(cells.Length * 2);
        foreach (var c in cells)
        {
            if (c.Finite == 0)
            {
                if (c.NonFiniteStep != 0) points.Add(new SeriesPoint(c.NonFiniteStep, c.NonFiniteValue, true));
                continue;
            }
            bool? flagged = c.NonFiniteStep != 0 ? true : null;
            var (a, b) = c.MinStep <= c.MaxStep ? ((c.MinStep, c.Min), (c.MaxStep, c.Max)) : ((c.MaxStep, c.Max), (c.MinStep, c.Min));
            points.Add(new SeriesPoint(a.Item1, a.Item2, flagged));
            if (b.Item1 != a.Item1) points.Add(new SeriesPoint(b.Item1, b.Item2, flagged));
        }
        return points;
    }

    private static SeriesResponse Response(RunRecord run, int from, int to, int raw, int maxPoints, string method, List<SeriesData> series) =>
        new(run.Id, null, from, to, raw, raw > maxPoints, raw > maxPoints ? method : "none", series);
}
