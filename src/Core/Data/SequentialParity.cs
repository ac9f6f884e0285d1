using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Sequential parity: T = SequenceLength fair bits fed one per step as ±1 (bit 1 → +1), 2 classes. Labels: one per
/// step (TargetsPerExample = T), the running parity of bits 0…t (1 when an odd number are 1). A model that reads out
/// the last step only (ModelSpec.Output = last) is trained on the last label, the parity of all T bits, whose error
/// signal must travel back through every step; a read-out at every step learns the running parity. Input 1 per step.
/// </summary>
internal static class SequentialParity
{
    public static DataShape Shape(DataSpec data) => new(1, 2, true, data.SequenceLength, data.SequenceLength, true);

    public static void Validate(DataSpec data, ICollection<SpecError> errors) => FieldCheck.Sequences(errors, data, 1, 0, 1);

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, T) = (data.Samples, data.SequenceLength);
        var x = new double[n * T];
        var labels = new int[n * T];
        for (var row = 0; row < n; row++)
        {
            var parity = 0;
            for (var t = 0; t < T; t++)
            {
                var bit = (int)(rng.NextUInt64() >> 63);
                parity ^= bit;
                x[row * T + t] = bit == 1 ? 1.0 : -1.0;
                labels[row * T + t] = parity;
            }
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
