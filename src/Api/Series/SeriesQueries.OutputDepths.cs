using GradientService.Api.Storage;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Series;

public sealed partial class SeriesQueries
{
    /// <summary>
    /// A hierarchical-softmax run's ‖∂L/∂W‖ per tree depth over [from, to]: one series per depth, "depth1" (the root)
    /// first, each downsampled on its own like a layer's fields; no series for a run without that read-out.
    /// </summary>
    public async Task<SeriesResponse> OutputDepthsAsync(RunRecord run, int from, int to, int maxPoints, string method, CancellationToken cancel)
    {
        var rows = await store.OutputDepthsAsync(run.Key, from, to, MaxRawRows, cancel);
        var norms = rows.Select(r => DoubleBlob.Unpack(r.GradNorms)).ToArray();
        var steps = rows.Select(r => r.Step).ToArray();
        var depths = norms.Length == 0 ? 0 : norms.Max(n => n.Length);
        var series = new List<SeriesData>(depths);
        for (var d = 0; d < depths; d++)
        {
            var values = norms.Select(n => d < n.Length ? n[d] : double.NaN).ToArray();
            series.Add(new SeriesData(DepthField(d + 1), Downsampler.Reduce(steps, values, maxPoints, method, from, to)));
        }
        var downsampled = rows.Count > maxPoints;
        return new SeriesResponse(run.Id, run.LayerCount, from, to, rows.Count, downsampled, downsampled ? method : "none", series);
    }

    /// <summary>The series name of tree depth <paramref name="depth"/> (1: the root).</summary>
    public static string DepthField(int depth) => $"depth{depth}";
}
