using GradientService.Core.Tensors;

namespace GradientService.Core.Convolution;

/// <summary>nn.Flatten: [B, C, H, W] → [B, C·H·W], channel-major, which is already each example's layout: a copy both ways.</summary>
internal sealed class Flatten<T>(FeatureMap input, FeatureMap output) : CnnModule<T>(input, output) where T : unmanaged, IFloatingPointIeee754<T>
{
    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training) => x.Span.CopyTo(y.Span);

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx) =>
        dy.Span.CopyTo(dx is { } target ? target.Span : []);
}
