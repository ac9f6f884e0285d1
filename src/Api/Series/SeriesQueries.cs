using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Core.Theory;

namespace GradientService.Api.Series;

/// <summary>Series over steps and layers, downsampled on the server (the endpoints only validate and call these).</summary>
public sealed partial class SeriesQueries(SeriesStore store)
{
    /// <summary>Most raw rows one series request reads (a 1,000,000-step run recorded at every step).</summary>
    public const int MaxRawRows = 1_000_000;

    public async Task<SeriesResponse> LayerAsync(RunRecord run, int layer, IReadOnlyList<LayerMetric> fields, int from, int to, int maxPoints, string method, CancellationToken cancel)
    {
        var series = new List<SeriesData>(fields.Count);
        var raw = 0;
        foreach (var field in fields)
        {
            var rows = await store.LayerSeriesAsync(run.Key, layer, field, from, to, cancel);
            raw = rows.Count;
            var steps = new int[rows.Count];
            var values = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++) (steps[i], values[i]) = (rows[i].Step, rows[i].Value);
            series.Add(new SeriesData(LayerMetrics.Table[field].Name, Downsampler.Reduce(steps, values, maxPoints, method, from, to)));
        }
        return new SeriesResponse(run.Id, layer, from, to, raw, raw > maxPoints, raw > maxPoints ? method : "none", series);
    }

    /// <summary>Every layer at the newest recorded step at or before <paramref name="step"/>; null when nothing is recorded yet.</summary>
    public async Task<DepthProfile?> DepthProfileAsync(RunRecord run, int step, IReadOnlyList<LayerMetric> fields, CancellationToken cancel)
    {
        if (await store.RecordedStepAtOrBeforeAsync(run.Key, step, cancel) is not { } recorded) return null;
        var samples = await store.AtStepAsync(run.Key, run.LayerCount, recorded, cancel);
        var names = RunMapping.Layers(run).ToDictionary(l => l.Index, l => l.Name);
        var layers = samples.Select(s => new DepthProfileLayer(s.Layer, names.GetValueOrDefault(s.Layer, $"layer {s.Layer}"),
            [.. fields.Select(f => s[f])])).ToList();
        return new DepthProfile(run.Id, recorded, [.. fields.Select(f => LayerMetrics.Table[f].Name)], layers);
    }

    public async Task<TimeLagProfiles> TimeLagAsync(RunRecord run, int layer, int from, int to, int maxProfiles, CancellationToken cancel)
    {
        var rows = await store.TimeLagsAsync(run.Key, layer, from, to, cancel);
        var chosen = rows.Count <= maxProfiles ? rows : PickProfiles(rows, maxProfiles);
        var profiles = chosen.Select(r =>
        {
            var norms = DoubleBlob.Unpack(r.TimeLag);
            var factor = r.BoundFactor ?? double.NaN;
            return new TimeLagProfile(r.Step, r.SigmaMax ?? double.NaN, factor, r.ForgetGateMean ?? double.NaN, norms, RecurrentBound.Profile(norms, factor));
        }).ToList();
        return new TimeLagProfiles(run.Id, layer, from, to, rows.Count, profiles);
    }

    /// <summary>One profile per bucket of steps: the one with the largest gradient anywhere in it, so bursts stay visible.</summary>
    private static List<RecurrentSample> PickProfiles(List<RecurrentSample> rows, int count)
    {
        var picked = new List<RecurrentSample>(count);
        var per = rows.Count / (double)count;
        for (var b = 0; b < count; b++)
        {
            var start = (int)(b * per);
            var end = Math.Min(rows.Count, (int)((b + 1) * per));
            RecurrentSample? best = null;
            var bestPeak = double.NegativeInfinity;
            for (var i = start; i < end; i++)
            {
                var peak = DoubleBlob.Unpack(rows[i].TimeLag).DefaultIfEmpty(double.NaN).Max();
                if (best is null || !double.IsFinite(peak) || peak > bestPeak) { best = rows[i]; bestPeak = double.IsFinite(peak) ? peak : double.PositiveInfinity; }
            }
            if (best is not null) picked.Add(best);
        }
        return picked;
    }
}
