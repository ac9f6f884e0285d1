using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Sequential parity: T = SequenceLength fair bits fed one per step as ±1 (bit 1 → +1), 2 classes. Labels: the parity
/// of all T bits (1 when an odd number are 1), one per sequence, read at the last step, so the error signal must
/// travel back through all T steps; with <see cref="DataSpec.EveryStep"/>, T labels per sequence, the running parity
/// of bits 0…t at step t (the last equals the one-label target). Input 1 per step.
/// </summary>
internal static class SequentialParity
{
    public static DataShape Shape(DataSpec data) =>
        new(1, 2, true, data.SequenceLength, data.EveryStep ? data.SequenceLength : 1, true);

    public static void Validate(DataSpec data, ICollection<SpecError> errors) => FieldCheck.Sequences(errors, data, 1, 0, 1);

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, T) = (data.Samples, data.SequenceLength);
        var perExample = data.EveryStep ? T : 1;
        var x = new double[n * T];
        var labels = new int[n * perExample];
        for (var row = 0; row < n; row++)
        {
            var parity = 0;
            for (var t = 0; t < T; t++)
            {
                var bit = (int)(rng.NextUInt64() >> 63);
                parity ^= bit;
                x[row * T + t] = bit == 1 ? 1.0 : -1.0;
                if (data.EveryStep) labels[row * T + t] = parity;
            }
            if (!data.EveryStep) labels[row] = parity;
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
