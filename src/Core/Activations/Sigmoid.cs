namespace GradientService.Core.Activations;

/// <summary>Logistic σ(z) = 1/(1 + e^−z); σ′ = σ(1 − σ) ≤ 1/4, which is why deep sigmoid nets vanish.</summary>
internal readonly struct Sigmoid<T> : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>sup σ′ = σ′(0).</summary>
    public const double MaxSlope = 0.25;

    public T Value(T z) => T.One / (T.One + T.Exp(-z));

    public T Slope(T z, T a) => a * (T.One - a);
}
