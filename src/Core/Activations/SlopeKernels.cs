using System.Runtime.Intrinsics;

namespace GradientService.Core.Activations;

/// <summary>
/// Vectorised δ = g ⊙ φ′ with the saturation count, for the activations whose slope is cheap given a = φ(z):
/// sigmoid a(1 − a), tanh 1 − a², (leaky) relu [z &gt; 0] + s·[z ≤ 0]. Same values as the scalar rules, lane by lane:
/// 512-bit lanes where the hardware has them, then 256-bit, then one by one (the same operations, so the same bits).
/// </summary>
internal static class SlopeKernels
{
    /// <summary>Which slope formula to apply.</summary>
    public enum Kind { Sigmoid, Tanh, LeakyRelu }

    public static int Backward<T>(Kind kind, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> g, Span<T> delta, T negativeSlope, T saturatedBelow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saturated = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var one = Vector512<T>.One;
            var zero = Vector512<T>.Zero;
            var slopeNegative = Vector512.Create(negativeSlope);
            var below = Vector512.Create(saturatedBelow);
            for (; i <= z.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> slope;
                switch (kind)
                {
                    case Kind.Sigmoid:
                        var s = Vector512.Create(a.Slice(i, Vector512<T>.Count));
                        slope = s * (one - s);
                        break;
                    case Kind.Tanh:
                        var th = Vector512.Create(a.Slice(i, Vector512<T>.Count));
                        slope = one - th * th;
                        break;
                    default:
                        var zi = Vector512.Create(z.Slice(i, Vector512<T>.Count));
                        slope = Vector512.ConditionalSelect(Vector512.GreaterThan(zi, zero), one, slopeNegative);
                        break;
                }
                saturated += BitOperations.PopCount(Vector512.ExtractMostSignificantBits(Vector512.LessThan(slope, below)));
                (Vector512.Create(g.Slice(i, Vector512<T>.Count)) * slope).CopyTo(delta.Slice(i, Vector512<T>.Count));
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var one = Vector256<T>.One;
            var zero = Vector256<T>.Zero;
            var slopeNegative = Vector256.Create(negativeSlope);
            var below = Vector256.Create(saturatedBelow);
            for (; i <= z.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> slope;
                switch (kind)
                {
                    case Kind.Sigmoid:
                        var s = Vector256.Create(a.Slice(i, Vector256<T>.Count));
                        slope = s * (one - s);
                        break;
                    case Kind.Tanh:
                        var th = Vector256.Create(a.Slice(i, Vector256<T>.Count));
                        slope = one - th * th;
                        break;
                    default:
                        var zi = Vector256.Create(z.Slice(i, Vector256<T>.Count));
                        slope = Vector256.ConditionalSelect(Vector256.GreaterThan(zi, zero), one, slopeNegative);
                        break;
                }
                saturated += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(slope, below)));
                (Vector256.Create(g.Slice(i, Vector256<T>.Count)) * slope).CopyTo(delta.Slice(i, Vector256<T>.Count));
            }
        }
        for (; i < z.Length; i++)
        {
            var slope = kind switch
            {
                Kind.Sigmoid => a[i] * (T.One - a[i]),
                Kind.Tanh => T.One - a[i] * a[i],
                _ => z[i] > T.Zero ? T.One : negativeSlope,
            };
            if (slope < saturatedBelow) saturated++;
            delta[i] = g[i] * slope;
        }
        return saturated;
    }
}
