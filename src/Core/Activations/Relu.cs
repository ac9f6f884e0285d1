namespace GradientService.Core.Activations;

/// <summary>Leaky rectifier φ(z) = z for z &gt; 0, s·z otherwise (s = 0: ReLU). φ′ ∈ {s, 1}; PyTorch takes φ′(0) = s.</summary>
internal readonly struct LeakyRelu<T>(T negativeSlope) : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(T z) => z > T.Zero ? z : negativeSlope * z;

    public T Slope(T z, T a) => z > T.Zero ? T.One : negativeSlope;
}
