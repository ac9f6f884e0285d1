using MathNet.Numerics;

namespace GradientService.Core.Activations;

/// <summary>
/// GELU, exact erf form (Hendrycks &amp; Gimpel 2016; PyTorch's default): φ(z) = z·Φ(z), φ′(z) = Φ(z) + z·𝜙(z),
/// with Φ, 𝜙 the standard normal CDF and density. Evaluated in float64.
/// </summary>
internal readonly struct Gelu<T> : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>sup φ′, reached at z = √2 (φ″(z) = 𝜙(z)(2 − z²) = 0).</summary>
    public const double MaxSlope = 1.1289424883544537;

    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    public T Value(T z)
    {
        var x = double.CreateTruncating(z);
        return T.CreateTruncating(0.5 * x * (1.0 + SpecialFunctions.Erf(x * InvSqrt2)));
    }

    public T Slope(T z, T a)
    {
        var x = double.CreateTruncating(z);
        var cdf = 0.5 * (1.0 + SpecialFunctions.Erf(x * InvSqrt2));
        return T.CreateTruncating(cdf + x * InvSqrt2Pi * Math.Exp(-0.5 * x * x));
    }
}
