using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Oriented bars: a one-channel S×S image (S = ImageSize) holding one bar of length L = S/2 pixels and thickness
/// t = max(1, S/16), labelled by its orientation: 0 horizontal, 1 vertical, 2 diagonal (down to the right), 3
/// anti-diagonal (down to the left). The bar's bounding box (t × L, L × t, or L × (L + t − 1) for the diagonals) is
/// placed uniformly where it fits, its pixels are 1 and the rest 0, then every pixel gets N(0, Noise²) noise. Example i
/// is of class i mod 4. Bars go back to Földiák (1990)'s bars problem (8×8 images of superimposed horizontal and
/// vertical bars); here one bar an image, its orientation the class, at any size, so depth studies need not rest on the
/// digits alone. Input S² (NCHW: one channel, rows, then columns), 4 classes.
/// </summary>
internal static class Bars
{
    public const int Classes = 4, Horizontal = 0, Vertical = 1, Diagonal = 2, AntiDiagonal = 3;

    /// <summary>Bar length L and thickness t for side <paramref name="size"/>.</summary>
    public static (int Length, int Thickness) Bar(int size) => (size / 2, Math.Max(1, size / 16));

    public static DataShape Shape(DataSpec data)
    {
        var image = new ImageShape(1, data.ImageSize, data.ImageSize);
        return new DataShape(image.Features, Classes, true, 1, 1, false, image);
    }

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        if (FieldCheck.Int(errors, "data.imageSize", data.ImageSize, Limits.MinImageSize, Limits.MaxImageSize))
            FieldCheck.Samples(errors, data.Samples, (long)data.ImageSize * data.ImageSize);
        else
            FieldCheck.Int(errors, "data.samples", data.Samples, Limits.MinSamples, Limits.MaxSamples);
        FieldCheck.Noise(errors, data.Noise);
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, S) = (data.Samples, data.ImageSize);
        var (L, t) = Bar(S);
        var x = new double[n * S * S];
        var labels = new int[n];
        for (var row = 0; row < n; row++)
        {
            var c = labels[row] = row % Classes;
            var (height, width) = c switch { Horizontal => (t, L), Vertical => (L, t), _ => (L, L + t - 1) };
            var (top, left) = (rng.Next(S - height + 1), rng.Next(S - width + 1));
            var image = x.AsSpan(row * S * S, S * S);
            for (var i = 0; i < L; i++)
            for (var j = 0; j < t; j++)
            {
                var (r, col) = c switch
                {
                    Horizontal => (top + j, left + i),
                    Vertical => (top + i, left + j),
                    Diagonal => (top + i, left + i + j),
                    _ => (top + i, left + L - 1 - i + j),
                };
                image[r * S + col] = 1;
            }
            // Drawn at every noise level, so a seed places the same bars whatever the noise.
            for (var p = 0; p < image.Length; p++) image[p] += data.Noise * rng.NextGaussian();
        }
        return new Dataset.Split(n, x, labels, []);
    }
}
