using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>
/// x += y with Σ x² of the result in the same pass: a sum of squares taken where its data is written, not in a second
/// pass over it. On 512-bit lanes the accumulators of <see cref="SumOfSquares512"/> take the same elements in the same
/// order, so the sum is bitwise what the two passes give.
/// </summary>
public static partial class Reductions
{
    /// <summary><paramref name="x"/> += <paramref name="y"/>; returns Σ x² (after the add) in float64.</summary>
    public static double AddTakingSquares<T>(Span<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
            return AddTakingSquares512(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
        System.Numerics.Tensors.TensorPrimitives.Add(x, y, x);
        return SumOfSquares<T>(x);
    }

    internal static double AddTakingSquares512(Span<float> x, ReadOnlySpan<float> y)
    {
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        Vector512<double> low = default, high = default; // elements 0–7 and 8–15 of every 16
        var i = 0;
        for (; i <= x.Length - 32; i += 32)
        {
            var p = Vector512.LoadUnsafe(ref x0, (nuint)i) + Vector512.LoadUnsafe(ref y0, (nuint)i);
            var q = Vector512.LoadUnsafe(ref x0, (nuint)i + 16) + Vector512.LoadUnsafe(ref y0, (nuint)i + 16);
            p.StoreUnsafe(ref x0, (nuint)i);
            q.StoreUnsafe(ref x0, (nuint)i + 16);
            var (a, b) = Vector512.Widen(p);
            var (c, d) = Vector512.Widen(q);
            low = low + a * a + c * c;
            high = high + b * b + d * d;
        }
        for (; i <= x.Length - 16; i += 16)
        {
            var p = Vector512.LoadUnsafe(ref x0, (nuint)i) + Vector512.LoadUnsafe(ref y0, (nuint)i);
            p.StoreUnsafe(ref x0, (nuint)i);
            var (a, b) = Vector512.Widen(p);
            low += a * a;
            high += b * b;
        }
        for (; i <= x.Length - 8; i += 8)
        {
            var p = Vector256.LoadUnsafe(ref x0, (nuint)i) + Vector256.LoadUnsafe(ref y0, (nuint)i);
            p.StoreUnsafe(ref x0, (nuint)i);
            var a = Vector512.WidenLower(p.ToVector512Unsafe());
            low += a * a;
        }
        var sum = Vector256.Sum((low.GetLower() + low.GetUpper()) + (high.GetLower() + high.GetUpper()));
        for (; i < x.Length; i++)
        {
            x[i] += y[i];
            sum += (double)x[i] * x[i];
        }
        return sum;
    }
}
