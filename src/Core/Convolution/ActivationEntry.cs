using GradientService.Core.Activations;
using GradientService.Core.Tensors;

namespace GradientService.Core.Convolution;

/// <summary>An activation entry, y = φ(x) element-wise (<see cref="Activation{T}"/>); backward ∂L/∂x = ∂L/∂y ⊙ φ′(x),
/// counting the saturated entries (<see cref="Saturated"/>).</summary>
internal sealed class ActivationEntry<T>(FeatureMap map, Activation<T> activation) : CnnModule<T>(map, map) where T : unmanaged, IFloatingPointIeee754<T>
{
    public Activation<T> Activation { get; } = activation;

    /// <summary>Entries whose slope was below the saturation threshold in the last backward pass.</summary>
    public int Saturated { get; private set; }

    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training) => Activation.Forward(x.Span, y.Span);

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx) =>
        Saturated = Activation.Backward(x.Span, y.Span, dy.Span, (dx ?? throw new ArgumentNullException(nameof(dx))).Span);
}
