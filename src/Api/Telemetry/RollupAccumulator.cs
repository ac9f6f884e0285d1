using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Finite and non-finite counts, min, max and mean of every layer metric over the open <see cref="LayerRollup"/> bucket
/// of one run (absent values are in none of them). Only the recorder thread touches it. A resumed run seeds it with the
/// samples already stored in the open bucket.
/// </summary>
public sealed class RollupAccumulator
{
    private readonly int _layers;
    private readonly int[] _finite, _nonFinite;
    private readonly double[] _min, _max, _sum;

    public RollupAccumulator(int layers)
    {
        _layers = layers;
        var cells = LayerMetrics.Count * layers;
        (_finite, _nonFinite, _min, _max, _sum) = (new int[cells], new int[cells], new double[cells], new double[cells], new double[cells]);
        Reset(-1);
    }

    /// <summary>The open bucket (−1 before the first step).</summary>
    public int Bucket { get; private set; }

    /// <summary>Steps added to the open bucket.</summary>
    public int Count { get; private set; }

    /// <summary>The open bucket has rows in the store (an earlier batch wrote them), so its next write updates them.</summary>
    public bool Stored { get; set; }

    public void Reset(int bucket)
    {
        Bucket = bucket;
        Count = 0;
        Stored = false;
        Array.Clear(_finite);
        Array.Clear(_nonFinite);
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
        Array.Clear(_sum);
    }

    /// <summary>Makes this accumulator a copy of <paramref name="other"/> (of as many layers).</summary>
    public void CopyFrom(RollupAccumulator other)
    {
        (Bucket, Count, Stored) = (other.Bucket, other.Count, other.Stored);
        other._finite.CopyTo(_finite, 0);
        other._nonFinite.CopyTo(_nonFinite, 0);
        other._min.CopyTo(_min, 0);
        other._max.CopyTo(_max, 0);
        other._sum.CopyTo(_sum, 0);
    }

    public void Add(ReadOnlySpan<LayerStats> layers)
    {
        Count++;
        for (var l = 0; l < _layers; l++)
        {
            ref readonly var s = ref layers[l];
            for (var m = 0; m < LayerMetrics.Count; m++)
            {
                var metric = (LayerMetric)m;
                if (s.Has(metric)) Add(m * _layers + l, s[metric]);
            }
        }
    }

    /// <summary>Seeds the open bucket from stored samples (a resumed run).</summary>
    public void Seed(int bucket, IEnumerable<LayerSample> samples)
    {
        Reset(bucket);
        foreach (var step in samples.GroupBy(s => s.Step))
        {
            Count++;
            foreach (var sample in step)
            {
                if (sample.Layer < 1 || sample.Layer > _layers) continue;
                for (var m = 0; m < LayerMetrics.Count; m++)
                    if (sample.Values[m] is { } value) Add(m * _layers + sample.Layer - 1, value);
            }
        }
    }

    /// <summary>Every layer's figures of one metric (its ordinal) as <see cref="LayerRollup.Stats"/> in the current layout.</summary>
    public byte[] Stats(int ordinal)
    {
        var stats = new byte[_layers * LayerRollup.BytesPerLayer];
        for (var l = 0; l < _layers; l++)
        {
            var i = ordinal * _layers + l;
            var finite = _finite[i];
            LayerRollup.Write(stats, l + 1, finite == 0
                ? new LayerFigures(0, _nonFinite[i], double.NaN, double.NaN, double.NaN)
                : new LayerFigures(finite, _nonFinite[i], _min[i], _max[i], _sum[i] / finite));
        }
        return stats;
    }

    private void Add(int i, double v)
    {
        if (!double.IsFinite(v))
        {
            _nonFinite[i]++;
            return;
        }
        _finite[i]++;
        _sum[i] += v;
        if (v < _min[i]) _min[i] = v;
        if (v > _max[i]) _max[i] = v;
    }
}
