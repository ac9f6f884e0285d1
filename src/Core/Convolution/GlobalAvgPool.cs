using GradientService.Core.Tensors;

namespace GradientService.Core.Convolution;

/// <summary>Global average pooling with flatten (AdaptiveAvgPool2d(1) then nn.Flatten): y[b, c] = mean of x[b, c] over
/// H·W; backward ∂L/∂x[b, c, ·] = ∂L/∂y[b, c] / (H·W).</summary>
internal sealed class GlobalAvgPool<T>(FeatureMap input, FeatureMap output) : CnnModule<T>(input, output) where T : unmanaged, IFloatingPointIeee754<T>
{
    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training)
    {
        for (var b = 0; b < x.Rows; b++)
            for (var c = 0; c < In.Channels; c++)
                y.Row(b)[c] = T.CreateTruncating(Reductions.Moments<T>(x.Row(b).Slice(c * In.Area, In.Area)).Sum / In.Area);
    }

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx)
    {
        if (dx is not { } target) return;
        var area = T.CreateTruncating(In.Area);
        for (var b = 0; b < x.Rows; b++)
            for (var c = 0; c < In.Channels; c++)
                target.Row(b).Slice(c * In.Area, In.Area).Fill(dy.Row(b)[c] / area);
    }
}
