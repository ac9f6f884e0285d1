using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Optimizers;

/// <summary>
/// The SGD update W ← W − η(g + λW) over one tensor, vectorised, with Σ(ΔW)² and ΣW² (before) summed in float64:
/// the same per-element arithmetic as <see cref="Sgd{T}"/>'s rule, 8 or 4 lanes at a time.
/// </summary>
internal static class SgdKernel
{
    public static (double DeltaSquares, double ValueSquares) Update<T>(Span<T> w, ReadOnlySpan<T> grad, T lr, T weightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Update(MemoryMarshal.Cast<T, float>(w), MemoryMarshal.Cast<T, float>(grad), float.CreateTruncating(lr), float.CreateTruncating(weightDecay));
        return Update(MemoryMarshal.Cast<T, double>(w), MemoryMarshal.Cast<T, double>(grad), double.CreateTruncating(lr), double.CreateTruncating(weightDecay));
    }

    private static (double, double) Update(Span<float> w, ReadOnlySpan<float> grad, float lr, float decay)
    {
        Vector256<double> d0 = default, d1 = default, v0 = default, v1 = default;
        var lrV = Vector256.Create(lr);
        var decayV = Vector256.Create(decay);
        var i = 0;
        for (; i <= w.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var before = Vector256.Create((ReadOnlySpan<float>)w.Slice(i, Vector256<float>.Count));
            var g = Vector256.Create(grad.Slice(i, Vector256<float>.Count));
            if (decay != 0) g += decayV * before;
            var after = before - lrV * g;
            after.CopyTo(w.Slice(i, Vector256<float>.Count));
            var (bl, bh) = Vector256.Widen(before);
            var (al, ah) = Vector256.Widen(after);
            d0 = Vector256.FusedMultiplyAdd(al - bl, al - bl, d0);
            d1 = Vector256.FusedMultiplyAdd(ah - bh, ah - bh, d1);
            v0 = Vector256.FusedMultiplyAdd(bl, bl, v0);
            v1 = Vector256.FusedMultiplyAdd(bh, bh, v1);
        }
        var (ds, vs) = (Vector256.Sum(d0 + d1), Vector256.Sum(v0 + v1));
        for (; i < w.Length; i++)
        {
            var g = decay != 0 ? grad[i] + decay * w[i] : grad[i];
            var after = w[i] - lr * g;
            var d = (double)after - w[i];
            ds += d * d;
            vs += (double)w[i] * w[i];
            w[i] = after;
        }
        return (ds, vs);
    }

    private static (double, double) Update(Span<double> w, ReadOnlySpan<double> grad, double lr, double decay)
    {
        Vector256<double> d0 = default, v0 = default;
        var lrV = Vector256.Create(lr);
        var decayV = Vector256.Create(decay);
        var i = 0;
        for (; i <= w.Length - Vector256<double>.Count; i += Vector256<double>.Count)
        {
            var before = Vector256.Create((ReadOnlySpan<double>)w.Slice(i, Vector256<double>.Count));
            var g = Vector256.Create(grad.Slice(i, Vector256<double>.Count));
            if (decay != 0) g += decayV * before;
            var after = before - lrV * g;
            after.CopyTo(w.Slice(i, Vector256<double>.Count));
            d0 = Vector256.FusedMultiplyAdd(after - before, after - before, d0);
            v0 = Vector256.FusedMultiplyAdd(before, before, v0);
        }
        var (ds, vs) = (Vector256.Sum(d0), Vector256.Sum(v0));
        for (; i < w.Length; i++)
        {
            var g = decay != 0 ? grad[i] + decay * w[i] : grad[i];
            var after = w[i] - lr * g;
            var d = after - w[i];
            ds += d * d;
            vs += w[i] * w[i];
            w[i] = after;
        }
        return (ds, vs);
    }
}
