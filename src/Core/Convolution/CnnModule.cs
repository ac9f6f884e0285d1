using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Convolution;

/// <summary>
/// One entry of a <see cref="CnnNet{T}"/> (a PyTorch module of its nn.Sequential): forward y = f(x) and backward
/// ∂L/∂x (and its parameters' gradients) from ∂L/∂y, over the batch rows of [batch, In.Size] and [batch, Out.Size]
/// views (one example per row, NCHW within it).
/// </summary>
internal abstract class CnnModule<T>(FeatureMap input, FeatureMap output) where T : unmanaged, IFloatingPointIeee754<T>
{
    public FeatureMap In { get; } = input;
    public FeatureMap Out { get; } = output;

    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>Non-trainable state (batch norm's running statistics).</summary>
    public virtual IReadOnlyList<(string Name, T[] Data)> Buffers => [];

    /// <summary>Draws the weights from the run's stream (nothing for modules without weights).</summary>
    public virtual void Initialize(InitSpec init, Rng rng)
    {
    }

    public abstract void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training);

    /// <summary>The parameters' gradients and, when <paramref name="dx"/> is given, ∂L/∂x (overwritten).</summary>
    public abstract void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx);

    /// <summary>Example <paramref name="b"/> of a batch view as a [rows, cols] matrix on the same storage.</summary>
    protected static MatrixView<T> Example(MatrixView<T> batch, int b, int rows, int cols) => new(batch.Data, batch.Offset + b * batch.Cols, rows, cols);
}
