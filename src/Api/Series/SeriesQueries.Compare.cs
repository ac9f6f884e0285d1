using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Series;

// Compare: one field of several runs on a shared min-max bucket grid, plus the spec fields that differ.
public sealed partial class SeriesQueries
{
    public async Task<Comparison> CompareAsync(IReadOnlyList<RunRecord> runs, StepMetric? stepField, LayerMetric? layerField, int layer,
        int from, int to, int maxPoints, CancellationToken cancel)
    {
        var buckets = Math.Max(1, maxPoints / 2);
        var compared = new List<ComparedRun>(runs.Count);
        foreach (var run in runs)
        {
            IReadOnlyList<SeriesPoint> points;
            if (layerField is { } lf)
            {
                var rows = await store.LayerSeriesAsync(run.Key, layer, lf, from, to, cancel);
                int[] steps = [.. rows.Select(r => r.Step)];
                double[] values = [.. rows.Select(r => r.Value)];
                points = steps.Length <= maxPoints ? Downsampler.All(steps, values) : Downsampler.MinMaxBuckets(steps, values, buckets, from, to);
            }
            else
            {
                // The step series' own read: from the rollups on long ranges, on the grid the steps endpoint uses.
                points = (await StepsAsync(run, [stepField ?? StepMetric.Loss], from, to, maxPoints, Downsampler.MinMax, cancel)).Series[0].Points;
            }
            compared.Add(new ComparedRun(run.Id, run.Name, run.Status, run.StepsDone, points));
        }
        var name = layerField is { } l ? LayerMetrics.Table[l].Name : StepMetrics.Table[stepField ?? StepMetric.Loss].Name;
        return new Comparison(name, layerField is null ? null : layer, from, to, compared, Differences(runs));
    }

    /// <summary>Leaf fields of the specs (JSON paths) whose values are not all equal; the names are left out.</summary>
    public static List<SpecDifference> Differences(IReadOnlyList<RunRecord> runs)
    {
        var flat = runs.Select(r => Flatten(JsonSerializer.SerializeToNode(RunMapping.Spec(r), SpecJson.Options))).ToList();
        var keys = flat.SelectMany(f => f.Keys).Distinct().Where(k => k != "name").Order(StringComparer.Ordinal);
        return [.. keys
            .Select(k => new SpecDifference(k, [.. flat.Select(f => f.GetValueOrDefault(k, "null"))]))
            .Where(d => d.Values.Distinct().Count() > 1)];
    }

    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var result = new Dictionary<string, string>();
        void Walk(JsonNode? n, string path)
        {
            if (n is JsonObject o) foreach (var (k, v) in o) Walk(v, path.Length == 0 ? k : $"{path}.{k}");
            else result[path] = n?.ToJsonString() ?? "null";
        }
        Walk(node, "");
        return result;
    }
}
