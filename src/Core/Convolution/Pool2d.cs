using GradientService.Core.Tensors;

namespace GradientService.Core.Convolution;

/// <summary>
/// Max or average pooling (nn.MaxPool2d, nn.AvgPool2d), square window k, stride s, padding p, per channel. Max: the first
/// largest value of the window (padding never wins, as PyTorch's −∞ padding); backward routes ∂L/∂y to it. Average: the
/// window's sum over k² (PyTorch's count_include_pad: padded zeros count); backward spreads ∂L/∂y/k² over the window.
/// </summary>
internal sealed class Pool2d<T>(FeatureMap input, FeatureMap output, bool max, int kernel, int stride, int padding, int capacity)
    : CnnModule<T>(input, output) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Max pooling: where each output came from (index within its channel plane).</summary>
    private readonly int[] _argmax = max ? new int[capacity * output.Size] : [];

    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training)
    {
        var area = T.CreateTruncating(kernel * kernel);
        for (var b = 0; b < x.Rows; b++)
            for (var c = 0; c < In.Channels; c++)
            {
                var src = x.Row(b).Slice(c * In.Area, In.Area);
                var dst = y.Row(b).Slice(c * Out.Area, Out.Area);
                for (var oh = 0; oh < Out.Height; oh++)
                    for (var ow = 0; ow < Out.Width; ow++)
                    {
                        var (best, at, sum) = (T.NegativeInfinity, -1, T.Zero);
                        for (var i = 0; i < kernel; i++)
                        {
                            var ih = oh * stride - padding + i;
                            if ((uint)ih >= (uint)In.Height) continue;
                            for (var j = 0; j < kernel; j++)
                            {
                                var iw = ow * stride - padding + j;
                                if ((uint)iw >= (uint)In.Width) continue;
                                var v = src[ih * In.Width + iw];
                                sum += v;
                                if (at < 0 || v > best || T.IsNaN(v)) (best, at) = (v, ih * In.Width + iw);
                            }
                        }
                        var o = oh * Out.Width + ow;
                        if (max) _argmax[(b * In.Channels + c) * Out.Area + o] = at;
                        dst[o] = max ? best : sum / area;
                    }
            }
    }

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx)
    {
        if (dx is not { } target) return;
        var area = T.CreateTruncating(kernel * kernel);
        for (var b = 0; b < x.Rows; b++)
            for (var c = 0; c < In.Channels; c++)
            {
                var g = dy.Row(b).Slice(c * Out.Area, Out.Area);
                var dst = target.Row(b).Slice(c * In.Area, In.Area);
                dst.Clear();
                for (var oh = 0; oh < Out.Height; oh++)
                    for (var ow = 0; ow < Out.Width; ow++)
                    {
                        var o = oh * Out.Width + ow;
                        if (max)
                        {
                            dst[_argmax[(b * In.Channels + c) * Out.Area + o]] += g[o];
                            continue;
                        }
                        var share = g[o] / area;
                        for (var i = 0; i < kernel; i++)
                        {
                            var ih = oh * stride - padding + i;
                            if ((uint)ih >= (uint)In.Height) continue;
                            for (var j = 0; j < kernel; j++)
                            {
                                var iw = ow * stride - padding + j;
                                if ((uint)iw < (uint)In.Width) dst[ih * In.Width + iw] += share;
                            }
                        }
                    }
            }
    }
}
