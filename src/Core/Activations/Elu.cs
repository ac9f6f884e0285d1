namespace GradientService.Core.Activations;

/// <summary>ELU φ(z) = z for z &gt; 0, α(e^z − 1) otherwise (Clevert et al. 2016); φ′ = 1 or φ(z) + α.</summary>
internal readonly struct Elu<T>(T alpha) : IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(T z) => z > T.Zero ? z : alpha * (T.Exp(z) - T.One);

    public T Slope(T z, T a) => z > T.Zero ? T.One : alpha * T.Exp(z);
}
