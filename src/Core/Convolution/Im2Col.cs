namespace GradientService.Core.Convolution;

/// <summary>
/// im2col for one example: the patches of a C × H × W map under a k × k kernel (stride s, zero padding p) as the
/// columns of X̃ [C·k·k, Ho·Wo], row (c, i, j) holding x[c, oh·s − p + i, ow·s − p + j] (0 outside the map), so that a
/// convolution is W [out, C·k·k] · X̃. <see cref="Scatter"/> is its adjoint (col2im): each entry added back where it came from.
/// </summary>
internal sealed class Im2Col(FeatureMap input, FeatureMap output, int kernel, int stride, int padding)
{
    /// <summary>A 1×1 kernel of stride 1 without padding: X̃ is the map itself.</summary>
    public bool IsIdentity { get; } = kernel == 1 && stride == 1 && padding == 0;

    public void Gather<T>(ReadOnlySpan<T> x, Span<T> col) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, ho, wo) = (input.Height, input.Width, output.Height, output.Width);
        var row = 0;
        for (var c = 0; c < input.Channels; c++)
            for (var i = 0; i < kernel; i++)
                for (var j = 0; j < kernel; j++, row++)
                {
                    var dst = col.Slice(row * ho * wo, ho * wo);
                    for (var oh = 0; oh < ho; oh++)
                    {
                        var ih = oh * stride - padding + i;
                        var line = dst.Slice(oh * wo, wo);
                        if ((uint)ih >= (uint)h)
                        {
                            line.Clear();
                            continue;
                        }
                        var src = x.Slice((c * h + ih) * w, w);
                        if (stride == 1)
                        {
                            // ow − p + j in [0, w): a contiguous run with zeros either side.
                            var lo = Math.Max(0, padding - j);
                            var hi = Math.Min(wo, w + padding - j);
                            line[..Math.Min(lo, wo)].Clear();
                            if (hi > lo) src.Slice(lo - padding + j, hi - lo).CopyTo(line[lo..hi]);
                            if (hi < wo) line[Math.Max(hi, 0)..].Clear();
                            continue;
                        }
                        for (var ow = 0; ow < wo; ow++)
                        {
                            var iw = ow * stride - padding + j;
                            line[ow] = (uint)iw < (uint)w ? src[iw] : T.Zero;
                        }
                    }
                }
    }

    /// <summary>dx = col2im(dcol): dx cleared, then every entry of dcol added at its source position.</summary>
    public void Scatter<T>(ReadOnlySpan<T> dcol, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        dx.Clear();
        var (h, w, ho, wo) = (input.Height, input.Width, output.Height, output.Width);
        var row = 0;
        for (var c = 0; c < input.Channels; c++)
            for (var i = 0; i < kernel; i++)
                for (var j = 0; j < kernel; j++, row++)
                {
                    var src = dcol.Slice(row * ho * wo, ho * wo);
                    for (var oh = 0; oh < ho; oh++)
                    {
                        var ih = oh * stride - padding + i;
                        if ((uint)ih >= (uint)h) continue;
                        var line = src.Slice(oh * wo, wo);
                        var dst = dx.Slice((c * h + ih) * w, w);
                        if (stride == 1)
                        {
                            var lo = Math.Max(0, padding - j);
                            var hi = Math.Min(wo, w + padding - j);
                            if (hi > lo) System.Numerics.Tensors.TensorPrimitives.Add(dst.Slice(lo - padding + j, hi - lo), line[lo..hi], dst.Slice(lo - padding + j, hi - lo));
                            continue;
                        }
                        for (var ow = 0; ow < wo; ow++)
                        {
                            var iw = ow * stride - padding + j;
                            if ((uint)iw < (uint)w) dst[iw] += line[ow];
                        }
                    }
                }
    }
}
