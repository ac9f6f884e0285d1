using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Handwritten digits (MNIST; LeCun et al. 1998), the 10,000 shipped in <see cref="MnistArchive"/>: a seeded subset of
/// Samples images (all when Samples = 10,000), each 28×28 pixels row-major scaled from 0…255 to [0, 1]. Input 784,
/// 10 classes (the digit).
/// </summary>
internal static class Mnist
{
    public static DataShape Shape { get; } = new(MnistArchive.Pixels, MnistArchive.Classes, true, 1, 1, false, new ImageShape(1, 28, 28));

    public static void Validate(DataSpec data, ICollection<SpecError> errors) =>
        FieldCheck.Int(errors, "data.samples", data.Samples, Limits.MinSamples, Limits.MnistExamples);

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (images, digits) = (MnistArchive.Images, MnistArchive.Labels);
        var order = new int[MnistArchive.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        rng.Shuffle(order);
        var n = data.Samples;
        var x = new double[n * MnistArchive.Pixels];
        var labels = new int[n];
        for (var row = 0; row < n; row++)
        {
            var source = images.AsSpan(order[row] * MnistArchive.Pixels, MnistArchive.Pixels);
            var target = x.AsSpan(row * MnistArchive.Pixels, MnistArchive.Pixels);
            for (var p = 0; p < source.Length; p++) target[p] = source[p] / 255.0;
            labels[row] = digits[order[row]];
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
