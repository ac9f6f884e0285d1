using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// A small circle inside a large one, as scikit-learn's make_circles(factor=0.5): ⌊n/2⌋ points at evenly spaced
/// angles on the unit circle, class 0; the rest on the circle of radius 0.5, class 1; then N(0, Noise²) added to each
/// coordinate. Input 2, 2 classes, exactly balanced.
/// </summary>
internal static class Circles
{
    /// <summary>Inner radius over outer radius; make_circles' <c>factor</c>.</summary>
    public const double Factor = 0.5;

    public static DataShape Shape { get; } = new(2, 2, true, 1, 1, false);

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        FieldCheck.Samples(errors, data.Samples, 2);
        FieldCheck.Noise(errors, data.Noise);
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var n = data.Samples;
        var outer = n / 2;
        var inner = n - outer;
        var x = new double[2 * n];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var isInner = i >= outer;
            var (k, count) = isInner ? (i - outer, inner) : (i, outer);
            // numpy.linspace(0, 2π, count, endpoint=False), as make_circles.
            var θ = 2 * Math.PI * k / count;
            var r = isInner ? Factor : 1.0;
            (x[2 * i], x[2 * i + 1]) = (r * Math.Cos(θ), r * Math.Sin(θ));
            labels[i] = isInner ? 1 : 0;
        }
        for (var i = 0; i < x.Length; i++) x[i] += data.Noise * rng.NextGaussian();
        return new Dataset.Split(n, x, labels, []);
    }
}
