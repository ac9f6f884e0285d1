using System.Buffers.Binary;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Min, max and mean of every layer field over the open <see cref="LayerRollup"/> bucket of one run. Only the recorder
/// thread touches it. A resumed run seeds it with the samples already stored in the open bucket.
/// </summary>
public sealed class RollupAccumulator
{
    public static readonly LayerField[] Fields = Enum.GetValues<LayerField>();

    private readonly int _layers;
    private readonly int[] _finite;
    private readonly double[] _min, _max, _sum;

    public RollupAccumulator(int layers)
    {
        _layers = layers;
        var cells = Fields.Length * layers;
        (_finite, _min, _max, _sum) = (new int[cells], new double[cells], new double[cells], new double[cells]);
        Reset(-1);
    }

    /// <summary>The open bucket (−1 before the first step).</summary>
    public int Bucket { get; private set; }

    /// <summary>Steps added to the open bucket.</summary>
    public int Count { get; private set; }

    public void Reset(int bucket)
    {
        Bucket = bucket;
        Count = 0;
        Array.Clear(_finite);
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
        Array.Clear(_sum);
    }

    public void Add(ReadOnlySpan<LayerStats> layers)
    {
        Count++;
        for (var l = 0; l < _layers; l++)
        {
            ref readonly var s = ref layers[l];
            for (var f = 0; f < Fields.Length; f++) Add(f * _layers + l, Value(in s, Fields[f]));
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
                for (var f = 0; f < Fields.Length; f++) Add(f * _layers + sample.Layer - 1, sample[Fields[f]]);
            }
        }
    }

    /// <summary>Every layer's (finite count, min, max, mean) of one field as <see cref="LayerRollup.Stats"/>; NaN with no finite value.</summary>
    public byte[] Stats(int field)
    {
        var stats = new byte[_layers * 4 * sizeof(double)];
        var span = stats.AsSpan();
        for (var l = 0; l < _layers; l++)
        {
            var i = field * _layers + l;
            var finite = _finite[i];
            var at = l * 4 * sizeof(double);
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], finite);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], finite == 0 ? double.NaN : _min[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 16)..], finite == 0 ? double.NaN : _max[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 24)..], finite == 0 ? double.NaN : _sum[i] / finite);
        }
        return stats;
    }

    private void Add(int i, double v)
    {
        if (!double.IsFinite(v)) return;
        _finite[i]++;
        _sum[i] += v;
        if (v < _min[i]) _min[i] = v;
        if (v > _max[i]) _max[i] = v;
    }

    public static double Value(in LayerStats s, LayerField field) => field switch
    {
        LayerField.WeightGradNorm => s.WeightGradNorm,
        LayerField.BiasGradNorm => s.BiasGradNorm,
        LayerField.DeltaNorm => s.PreactivationGradNorm,
        LayerField.WeightNorm => s.WeightNorm,
        LayerField.UpdateRatio => s.UpdateRatio,
        LayerField.ActivationMean => s.ActivationMean,
        LayerField.ActivationStd => s.ActivationStd,
        LayerField.Saturation => s.SaturationFraction,
        LayerField.DeadFraction => s.DeadFraction,
        LayerField.NonFiniteCount => s.NonFiniteGradCount,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
