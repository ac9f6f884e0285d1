namespace GradientService.Core.Activations;

/// <summary>φ(z) = z, φ′ = 1: a linear net, whose gradient is carried by the weights alone.</summary>
internal readonly struct Identity<T> : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(T z) => z;

    public T Slope(T z, T a) => T.One;
}
