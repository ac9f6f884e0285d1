using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// The two-spirals benchmark of Lang &amp; Witbrock (1988), as in the CMU benchmark collection: point i ∈ [0, 96] of a
/// spiral is at angle φ = iπ/16 and radius r = 6.5·(104 − i)/104, (r sin φ, r cos φ) for class 0 and its mirror
/// (−r sin φ, −r cos φ) for class 1 (three turns each). Here i runs evenly over [0, 96] with ⌊n/2⌋ points on the
/// first spiral and the rest on the second, coordinates are divided by 6.5 so the outermost point has radius 1,
/// and N(0, Noise²) is added to each coordinate. Input 2, 2 classes, exactly balanced.
/// </summary>
internal static class TwoSpirals
{
    /// <summary>The benchmark's last point index (97 points per spiral).</summary>
    public const double LastIndex = 96;

    public static DataShape Shape { get; } = new(2, 2, true, 1, 1, false);

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        FieldCheck.Samples(errors, data.Samples, 2);
        FieldCheck.Noise(errors, data.Noise);
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var n = data.Samples;
        var first = n / 2;
        var x = new double[2 * n];
        var labels = new int[n];
        for (var row = 0; row < n; row++)
        {
            var label = row < first ? 0 : 1;
            var (k, count) = label == 0 ? (row, first) : (row - first, n - first);
            var (px, py) = Point(count == 1 ? 0 : LastIndex * k / (count - 1));
            var sign = label == 0 ? 1.0 : -1.0;
            (x[2 * row], x[2 * row + 1]) = (sign * px, sign * py);
            labels[row] = label;
        }
        for (var i = 0; i < x.Length; i++) x[i] += data.Noise * rng.NextGaussian();
        return new Dataset.Split(n, x, labels, []);
    }

    /// <summary>The class-0 spiral at (continuous) index <paramref name="i"/>, scaled to the unit disc (6.5 → 1).</summary>
    public static (double X, double Y) Point(double i)
    {
        var φ = i * Math.PI / 16;
        var r = (104 - i) / 104;
        return (r * Math.Sin(φ), r * Math.Cos(φ));
    }
}
