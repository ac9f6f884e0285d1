using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>
/// The activation probe's sums of one granule, taken inside the pass that writes the activations (the feedforward nets'
/// φ pass): the sums of <see cref="ActivationMoments{T}"/> bitwise, with fewer instructions on 512-bit lanes.
/// </summary>
public static partial class Reductions
{
    /// <summary>
    /// Σ x and Σ x² of <paramref name="a"/> in float64, bitwise those of <see cref="ActivationMoments{T}"/>, while
    /// <paramref name="alive"/> (not cleared) gets non-zero bits in every column with a non-zero entry (NaN counts), as
    /// <see cref="DeadShare{T}"/> reads them; the bits themselves are the entries' magnitudes rather than all ones.
    /// </summary>
    public static (double Sum, double SumOfSquares) GranuleMoments<T>(MatrixView<T> a, Span<T> alive)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
            return GranuleMoments512(MemoryMarshal.Cast<T, float>(a.Span), a.Cols, MemoryMarshal.Cast<T, uint>(alive));
        return ActivationMoments(a, alive);
    }

    /// <summary>
    /// <see cref="ActivationMoments512"/>'s loop with its square-and-add fused (a float's square is exact in float64, so
    /// the fused multiply-add rounds once, as the add did) and the alive mask an OR of the entries' bits without the sign
    /// (non-zero exactly where the entry is not ±0) instead of a compare: the same sums in the same order.
    /// </summary>
    internal static (double, double) GranuleMoments512(ReadOnlySpan<float> x, int cols, Span<uint> alive)
    {
        ref var a0 = ref MemoryMarshal.GetReference(alive);
        ref var x0 = ref MemoryMarshal.GetReference(x);
        var magnitude = Vector512.Create(0x7FFF_FFFFu);
        Vector512<double> sLow = default, sHigh = default, qLow = default, qHigh = default; // columns 0–7 and 8–15 of every 16
        double sum = 0, squares = 0;
        for (var row = 0; row < x.Length; row += cols)
        {
            ref var r0 = ref Unsafe.Add(ref x0, row);
            var j = 0;
            for (; j <= cols - 16; j += 16)
            {
                var v = Vector512.LoadUnsafe(ref r0, (nuint)j);
                var (lo, hi) = Vector512.Widen(v);
                sLow += lo;
                sHigh += hi;
                qLow = Vector512.FusedMultiplyAdd(lo, lo, qLow);
                qHigh = Vector512.FusedMultiplyAdd(hi, hi, qHigh);
                (Vector512.LoadUnsafe(ref a0, (nuint)j) | (v.AsUInt32() & magnitude)).StoreUnsafe(ref a0, (nuint)j);
            }
            for (; j <= cols - 8; j += 8)
            {
                var v = Vector256.LoadUnsafe(ref r0, (nuint)j);
                var w = Vector512.WidenLower(v.ToVector512Unsafe());
                sLow += w;
                qLow = Vector512.FusedMultiplyAdd(w, w, qLow);
                (Vector256.LoadUnsafe(ref a0, (nuint)j) | (v.AsUInt32() & magnitude.GetLower())).StoreUnsafe(ref a0, (nuint)j);
            }
            for (; j < cols; j++)
            {
                var e = Unsafe.Add(ref r0, j);
                sum += e;
                squares += (double)e * e;
                if (e != 0f) alive[j] = 1;
            }
        }
        return (sum + Vector256.Sum((sLow.GetLower() + sLow.GetUpper()) + (sHigh.GetLower() + sHigh.GetUpper())),
            squares + Vector256.Sum((qLow.GetLower() + qLow.GetUpper()) + (qHigh.GetLower() + qHigh.GetUpper())));
    }
}
