using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// The copy (memory) task in the form of Arjovsky, Shah &amp; Bengio (2016, §4.1), with T = SequenceLength the delay.
/// A sequence has T + 20 steps. Inputs, one-hot over 10 categories: steps 0…9 are S = 10 symbols drawn uniformly from
/// the alphabet {0…7}; steps 10…T+8 are the blank 8 (T − 1 of them); step T+9 is the delimiter 9; steps T+10…T+19 are
/// blank. Targets, one class per step (TargetsPerExample = T + 20) over 9 classes: blank (8) at steps 0…T+9, then the
/// 10 symbols in order at steps T+10…T+19. Input 10 per step, 9 classes; a net that outputs blanks and then guesses
/// scores cross-entropy 10·ln 8 / (T + 20), the paper's baseline.
/// </summary>
internal static class CopyTask
{
    /// <summary>Symbols to remember (S), alphabet size, and the blank and delimiter categories (Arjovsky et al. 2016).</summary>
    public const int Symbols = 10, Alphabet = 8, Blank = 8, Delimiter = 9;

    /// <summary>Input categories: the alphabet, blank and delimiter.</summary>
    public const int InputSize = 10;

    /// <summary>Output classes: the alphabet and blank.</summary>
    public const int OutputSize = 9;

    /// <summary>Steps beyond the delay T: the symbols going in and coming out.</summary>
    public const int ExtraSteps = 2 * Symbols;

    public static DataShape Shape(DataSpec data)
    {
        var length = data.SequenceLength + ExtraSteps;
        return new DataShape(InputSize, OutputSize, true, length, length, true);
    }

    public static void Validate(DataSpec data, ICollection<SpecError> errors) => FieldCheck.Sequences(errors, data, 1, ExtraSteps, InputSize);

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, T) = (data.Samples, data.SequenceLength);
        var length = T + ExtraSteps;
        var x = new double[n * length * InputSize];
        var labels = new int[n * length];
        for (var row = 0; row < n; row++)
        {
            var inputs = x.AsSpan(row * length * InputSize, length * InputSize);
            var targets = labels.AsSpan(row * length, length);
            targets.Fill(Blank);
            for (var t = 0; t < length; t++)
            {
                var category = t < Symbols ? rng.Next(Alphabet) : t == T + Symbols - 1 ? Delimiter : Blank;
                inputs[t * InputSize + category] = 1;
                if (t < Symbols) targets[T + Symbols + t] = category;
            }
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
