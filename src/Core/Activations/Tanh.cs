namespace GradientService.Core.Activations;

/// <summary>tanh(z); tanh′ = 1 − tanh² ≤ 1, saturating for |z| ≫ 1.</summary>
internal readonly struct Tanh<T> : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public const double MaxSlope = 1.0;

    public T Value(T z) => T.Tanh(z);

    public T Slope(T z, T a) => T.One - a * a;
}
