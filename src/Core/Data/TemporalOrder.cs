using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// The temporal order problem, task 6a of Hochreiter &amp; Schmidhuber (1997), with its positions scaled from length 100
/// to T = SequenceLength. Eight symbols, one-hot: distractors a, b, c, d (0–3), X (4), Y (5), start E (6), trigger B (7).
/// Step 0 is E, step T−1 is B, steps t1 ∈ [round(0.1T), round(0.2T)] and t2 ∈ [round(0.5T), round(0.6T)] (the paper's
/// 10–20 and 50–60) hold X or Y, every other step a random distractor. One label per sequence, at the last step:
/// XX → 0, XY → 1, YX → 2, YY → 3 (the paper's Q, R, S, U), example i of class i mod 4 so the classes are balanced.
/// Input 8 per step, 4 classes.
/// </summary>
internal static class TemporalOrder
{
    public const int Distractors = 4, X = 4, Y = 5, Start = 6, Trigger = 7, InputSize = 8, Classes = 4;

    /// <summary>T ≥ 10 keeps t1 ≥ 1 and the two ranges apart.</summary>
    public const int MinLength = 10;

    public static DataShape Shape(DataSpec data) => new(InputSize, Classes, true, data.SequenceLength, 1, true);

    public static void Validate(DataSpec data, ICollection<SpecError> errors) => FieldCheck.Sequences(errors, data, MinLength, 0, InputSize);

    /// <summary>The inclusive ranges of the two marked positions for length <paramref name="T"/>.</summary>
    public static ((int Lo, int Hi) First, (int Lo, int Hi) Second) Positions(int T) =>
        ((Round(0.1 * T), Round(0.2 * T)), (Round(0.5 * T), Round(0.6 * T)));

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, T) = (data.Samples, data.SequenceLength);
        var (first, second) = Positions(T);
        var x = new double[n * T * InputSize];
        var labels = new int[n];
        for (var row = 0; row < n; row++)
        {
            var label = row % Classes;
            var t1 = first.Lo + rng.Next(first.Hi - first.Lo + 1);
            var t2 = second.Lo + rng.Next(second.Hi - second.Lo + 1);
            var seq = x.AsSpan(row * T * InputSize, T * InputSize);
            for (var t = 0; t < T; t++)
            {
                var symbol = t == 0 ? Start
                    : t == T - 1 ? Trigger
                    : t == t1 ? (label >> 1 == 0 ? X : Y)
                    : t == t2 ? ((label & 1) == 0 ? X : Y)
                    : rng.Next(Distractors);
                seq[t * InputSize + symbol] = 1;
            }
            labels[row] = label;
        }
        return new Dataset.Split(n, x, labels, []);
    }

    private static int Round(double v) => (int)Math.Round(v, MidpointRounding.AwayFromZero);
}
