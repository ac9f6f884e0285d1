using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// n-bit parity (the XOR of n bits; Minsky &amp; Papert 1969, Rumelhart et al. 1986): inputs are the n = Bits bits as
/// ±1 (bit 1 → +1), the label is 1 when an odd number of bits are 1. When Samples ≥ 2^n all 2^n patterns appear
/// once (exactly balanced); otherwise Samples patterns are drawn uniformly with replacement. Input n, 2 classes.
/// </summary>
internal static class Parity
{
    public static DataShape Shape(DataSpec data) => new(data.Bits, 2, true, 1, 1, false);

    /// <summary>Examples made: all 2^Bits patterns, or Samples drawn ones when fewer.</summary>
    public static int Count(DataSpec data) => data.Samples >= 1L << data.Bits ? 1 << data.Bits : data.Samples;

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        if (!FieldCheck.Int(errors, "data.bits", data.Bits, 1, Limits.MaxBits)) return;
        if (FieldCheck.Int(errors, "data.samples", data.Samples, Limits.MinSamples, Limits.MaxSamples))
            FieldCheck.Elements(errors, "data.samples", Count(data), data.Bits);
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var n = data.Bits;
        var count = Count(data);
        var enumerate = data.Samples >= 1L << n;
        var x = new double[count * n];
        var labels = new int[count];
        for (var row = 0; row < count; row++)
        {
            // Bit j of the pattern is bit j of the row number, or a fair coin.
            var pattern = enumerate ? (ulong)row : rng.NextUInt64() >> (64 - n);
            for (var j = 0; j < n; j++) x[row * n + j] = ((pattern >> j) & 1) == 1 ? 1.0 : -1.0;
            labels[row] = BitOperations.PopCount(pattern) & 1;
        }
        return new Dataset.Split(count, x, labels, []);
    }
}
