using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Series;

// The layer × step matrix: from the 64-step rollups when a column spans at least one rollup bucket, else from raw samples.
public sealed partial class SeriesQueries
{
    public const string Max = "max", Min = "min", Mean = "mean";

    public static readonly IReadOnlyList<string> Aggregates = [Max, Min, Mean];

    public async Task<Heatmap> HeatmapAsync(RunRecord run, LayerMetric field, int from, int to, int columns, string aggregate, CancellationToken cancel)
    {
        var layers = run.LayerCount;
        var span = Math.Max(1, to - from + 1);
        var cells = new Cells(layers, 0);
        List<int> firsts = [], lasts = [];
        if (span / (double)columns >= LayerRollup.Width)
        {
            var bucketsPerColumn = (int)Math.Ceiling(span / (double)columns / LayerRollup.Width);
            var firstBucket = LayerRollup.BucketOf(from);
            var lastBucket = LayerRollup.BucketOf(to);
            var count = (lastBucket - firstBucket) / bucketsPerColumn + 1;
            cells = new Cells(layers, count);
            for (var c = 0; c < count; c++)
            {
                firsts.Add((firstBucket + c * bucketsPerColumn) * LayerRollup.Width + 1);
                lasts.Add(Math.Min(to, (firstBucket + (c + 1) * bucketsPerColumn) * LayerRollup.Width));
            }
            foreach (var r in await store.RollupsAsync(run.Key, field, firstBucket, lastBucket, cancel))
            {
                var c = (r.Bucket - firstBucket) / bucketsPerColumn;
                for (var layer = 1; layer <= layers; layer++)
                {
                    var f = r.Read(layer);
                    cells.Merge(layer - 1, c, f.Finite, f.NonFinite, f.Min, f.Max, f.Mean);
                }
            }
        }
        else
        {
            var width = (int)Math.Ceiling(span / (double)columns);
            var count = (span + width - 1) / width;
            cells = new Cells(layers, count);
            for (var c = 0; c < count; c++) { firsts.Add(from + c * width); lasts.Add(Math.Min(to, from + (c + 1) * width - 1)); }
            foreach (var v in await store.LayerRangeAsync(run.Key, layers, field, from, to, cancel))
            {
                if (v.Layer < 1 || v.Layer > layers) continue;
                var value = v.Value;
                var finite = double.IsFinite(value);
                cells.Merge(v.Layer - 1, (v.Step - from) / width, finite ? 1 : 0, finite ? 0 : 1, value, value, value);
            }
        }
        return new Heatmap(run.Id, LayerMetrics.Table[field].Name, aggregate, from, to, firsts, lasts, cells.Values(aggregate), cells.NonFinite);
    }

    /// <summary>Running min, max and weighted mean per (layer, column), in flat layer-major arrays (a 100-layer heatmap merges ~156,000 rollup figures).</summary>
    private sealed class Cells(int layers, int columns)
    {
        private readonly double[] _min = Filled(layers * columns, double.PositiveInfinity);
        private readonly double[] _max = Filled(layers * columns, double.NegativeInfinity);
        private readonly double[] _sum = new double[layers * columns];
        private readonly long[] _finite = new long[layers * columns];

        public List<bool[]> NonFinite { get; } = [.. Enumerable.Range(0, layers).Select(_ => new bool[columns])];

        public void Merge(int layer, int column, int finite, int nonFinite, double min, double max, double mean)
        {
            if ((uint)column >= (uint)columns) return;
            if (nonFinite > 0) NonFinite[layer][column] = true;
            if (finite == 0) return;
            var cell = layer * columns + column;
            _finite[cell] += finite;
            _sum[cell] += mean * finite;
            if (min < _min[cell]) _min[cell] = min;
            if (max > _max[cell]) _max[cell] = max;
        }

        public List<double[]> Values(string aggregate)
        {
            var chosen = aggregate switch { Min => _min, Mean => _sum, _ => _max };
            var rows = new List<double[]>(layers);
            for (var l = 0; l < layers; l++)
            {
                var row = new double[columns];
                for (var c = 0; c < columns; c++)
                {
                    var cell = l * columns + c;
                    row[c] = _finite[cell] == 0 ? double.NaN : aggregate == Mean ? chosen[cell] / _finite[cell] : chosen[cell];
                }
                rows.Add(row);
            }
            return rows;
        }

        private static double[] Filled(int count, double value)
        {
            var a = new double[count];
            Array.Fill(a, value);
            return a;
        }
    }
}
