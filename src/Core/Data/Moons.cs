using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// Two interleaving half circles, as scikit-learn's make_moons: ⌊n/2⌋ points at evenly spaced angles on the outer arc
/// (cos θ, sin θ), θ ∈ [0, π], class 0; the rest on the inner arc (1 − cos θ, 0.5 − sin θ), class 1; then
/// N(0, Noise²) added to each coordinate. Input 2, 2 classes, exactly balanced.
/// </summary>
internal static class Moons
{
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
        for (var i = 0; i < outer; i++)
        {
            var θ = Linspace(i, outer);
            (x[2 * i], x[2 * i + 1]) = (Math.Cos(θ), Math.Sin(θ));
        }
        for (var i = 0; i < inner; i++)
        {
            var θ = Linspace(i, inner);
            var row = outer + i;
            (x[2 * row], x[2 * row + 1]) = (1 - Math.Cos(θ), 0.5 - Math.Sin(θ));
            labels[row] = 1;
        }
        for (var i = 0; i < x.Length; i++) x[i] += data.Noise * rng.NextGaussian();
        return new Dataset.Split(n, x, labels, []);
    }

    /// <summary>numpy.linspace(0, π, count)[i].</summary>
    private static double Linspace(int i, int count) => count == 1 ? 0 : Math.PI * i / (count - 1);
}
