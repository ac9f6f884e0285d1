using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>One-dimensional regression: x ~ U[−π, π], y = sin x + Noise·N(0, 1). Input 1, 1 target.</summary>
internal static class Sine
{
    public static DataShape Shape { get; } = new(1, 1, false, 1, 1, false);

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        FieldCheck.Samples(errors, data.Samples, 1);
        FieldCheck.Noise(errors, data.Noise);
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var n = data.Samples;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.PI * (2 * rng.NextDouble() - 1);
            y[i] = Math.Sin(x[i]) + data.Noise * rng.NextGaussian();
        }
        return new Dataset.Split(n, x, [], y);
    }
}
