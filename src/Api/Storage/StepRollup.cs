using System.Buffers.Binary;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Storage;

/// <summary>
/// Every scalar step field over a bucket of <see cref="LayerRollup.Width"/> steps in one row, kept by the recorder so a
/// min-max downsampled read of a 100,000-step run reads ~1,600 rows instead of 100,000. <see cref="Stats"/> holds, per
/// <see cref="StepMetric"/> ordinal, <see cref="Values"/> little-endian float64: finite count, min and its step, max
/// and its step (the first step on ties, as <see cref="Series.Downsampler"/>'s min-max picks), and the first non-finite step (0: none) and its value. Absent values are left out; a metric added after a row was written reads as having none.
/// </summary>
public sealed class StepRollup
{
    public const int Values = 7;

    public long RunKey { get; set; }

    public int Bucket { get; set; }

    /// <summary>Recorded steps in the bucket.</summary>
    public int Count { get; set; }

    public required byte[] Stats { get; set; }

    public static int BytesPerField => Values * sizeof(double);

    /// <summary>One metric's figures from <see cref="Stats"/>.</summary>
    public static FieldStats Read(ReadOnlySpan<byte> stats, StepMetric metric)
    {
        var at = (int)metric * BytesPerField;
        if (at + BytesPerField > stats.Length) return default;
        Span<double> v = stackalloc double[Values];
        for (var i = 0; i < Values; i++) v[i] = BinaryPrimitives.ReadDoubleLittleEndian(stats[(at + i * sizeof(double))..]);
        return new FieldStats((int)v[0], v[1], (int)v[2], v[3], (int)v[4], (int)v[5], v[6]);
    }

    public static void Write(Span<byte> stats, StepMetric metric, in FieldStats s)
    {
        var at = (int)metric * BytesPerField;
        ReadOnlySpan<double> values = [s.Finite, s.Min, s.MinStep, s.Max, s.MaxStep, s.NonFiniteStep, s.NonFiniteValue];
        for (var i = 0; i < Values; i++) BinaryPrimitives.WriteDoubleLittleEndian(stats[(at + i * sizeof(double))..], values[i]);
    }

    /// <summary>A field's figures over some steps; values are added in ascending step order.</summary>
    public record struct FieldStats(int Finite, double Min, int MinStep, double Max, int MaxStep, int NonFiniteStep, double NonFiniteValue)
    {
        public void Add(int step, double value)
        {
            if (!double.IsFinite(value))
            {
                if (NonFiniteStep == 0) (NonFiniteStep, NonFiniteValue) = (step, value);
                return;
            }
            if (Finite == 0 || value < Min) (Min, MinStep) = (value, step);
            if (Finite == 0 || value > Max) (Max, MaxStep) = (value, step);
            Finite++;
        }

        /// <summary>Merges figures of later steps.</summary>
        public void Add(in FieldStats later)
        {
            if (later.NonFiniteStep != 0 && NonFiniteStep == 0) (NonFiniteStep, NonFiniteValue) = (later.NonFiniteStep, later.NonFiniteValue);
            if (later.Finite == 0) return;
            if (Finite == 0 || later.Min < Min) (Min, MinStep) = (later.Min, later.MinStep);
            if (Finite == 0 || later.Max > Max) (Max, MaxStep) = (later.Max, later.MaxStep);
            Finite += later.Finite;
        }
    }
}
