namespace GradientService.Core.Activations;

/// <summary>
/// One activation's value and slope, written side by side. Implemented by small structs so the loops in
/// <see cref="Activation{T}"/> are specialised and inlined per activation by the JIT.
/// </summary>
internal interface IActivationRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>φ(z).</summary>
    T Value(T z);

    /// <summary>φ′(z), given z and a = φ(z) (saturating functions use a).</summary>
    T Slope(T z, T a);
}
