namespace GradientService.Core.Activations;

/// <summary>SiLU / swish φ(z) = z·σ(z) (Elfwing et al. 2018); φ′ = σ(z)(1 + z(1 − σ(z))).</summary>
internal readonly struct Silu<T> : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>sup φ′, at z ≈ 2.3994.</summary>
    public const double MaxSlope = 1.0998393280571;

    public T Value(T z) => z / (T.One + T.Exp(-z));

    public T Slope(T z, T a)
    {
        var s = T.One / (T.One + T.Exp(-z));
        return s * (T.One + z * (T.One - s));
    }
}
