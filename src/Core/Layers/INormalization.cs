using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>A normalisation y = γ ⊙ x̂ + β after a layer's affine map (batch-norm or layer-norm).</summary>
internal interface INormalization<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>γ (PyTorch: weight), init 1.</summary>
    Parameter<T> Gamma { get; }

    /// <summary>β (PyTorch: bias), init 0.</summary>
    Parameter<T> Beta { get; }

    /// <summary>Non-trainable state saved in checkpoints and exports (batch-norm's running statistics).</summary>
    IReadOnlyList<(string Name, T[] Data)> Buffers { get; }

    /// <summary>y = γ ⊙ x̂ + β; <paramref name="training"/> uses (and for batch-norm updates) batch statistics.</summary>
    void Forward(MatrixView<T> z, MatrixView<T> y, bool training);

    /// <summary>∂L/∂z from ∂L/∂y for the last training forward; writes ∂L/∂γ and ∂L/∂β.</summary>
    void Backward(MatrixView<T> dy, MatrixView<T> dz);
}
