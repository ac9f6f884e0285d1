using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Character-level next-token prediction on the shipped novel (<see cref="TextArchive"/>), the task of Karpathy's
/// char-rnn and of Sutskever, Martens &amp; Hinton (2011): an example is a window of T + 1 consecutive characters
/// (T = SequenceLength); the input is the first T, one-hot over the text's V characters (V = 75), the target the class
/// of the last. The text is cut into ⌊characters / (T + 1)⌋ windows that do not overlap, and Samples of them are drawn
/// without replacement with the run's generator, so no character of a test window is in a training window. Input V per
/// step, V classes, one target per sequence (read at the last step).
/// </summary>
internal static class NextCharacter
{
    public static DataShape Shape(DataSpec data)
    {
        var v = TextArchive.Vocabulary.Length;
        return new DataShape(v, v, true, data.SequenceLength, 1, true);
    }

    /// <summary>Windows of T + 1 characters the text holds without overlap.</summary>
    public static int Windows(int T) => TextArchive.Codes.Length / (T + 1);

    /// <summary>
    /// T and the samples with their memory. The memory and sample limits admit fewer samples than <see cref="Windows"/>
    /// at every T (NextCharacterTests), so the novel never runs out of windows.
    /// </summary>
    public static void Validate(DataSpec data, ICollection<SpecError> errors) =>
        FieldCheck.Sequences(errors, data, 1, 0, TextArchive.Vocabulary.Length);

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, T, V) = (data.Samples, data.SequenceLength, TextArchive.Vocabulary.Length);
        var codes = TextArchive.Codes;
        var windows = new int[Windows(T)];
        for (var i = 0; i < windows.Length; i++) windows[i] = i;
        rng.Shuffle(windows);
        var x = new double[n * T * V];
        var labels = new int[n];
        for (var row = 0; row < n; row++)
        {
            var start = windows[row] * (T + 1);
            for (var t = 0; t < T; t++) x[(row * T + t) * V + codes[start + t]] = 1;
            labels[row] = codes[start + T];
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
