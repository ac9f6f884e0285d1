using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Recurrent;

/// <summary>
/// tanh's δ = g ⊙ (1 − a²) with its saturation count and, in the same pass, Σ δ² in float64: the rnn's ‖δ‖ probe taken
/// where δ is written, not in a second pass over it. δ and the count are what the activation's backward kernel gives
/// (the same IEEE operations lane by lane), and Σ δ² is what <c>Reductions.SumOfSquares</c> gives on the δ written: the
/// same 512-bit accumulators take the same elements in the same order.
/// </summary>
internal static class TanhDeltaSquares
{
    /// <summary>Whether <see cref="Backward"/> runs here (float on 512-bit lanes); otherwise the two passes.</summary>
    public static bool Supported => Vector512.IsHardwareAccelerated;

    /// <summary>δ of one block (a granule) into <paramref name="delta"/>; returns the saturated count and Σ δ².</summary>
    public static (int Saturated, double Squares) Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> g, Span<float> delta, float saturatedBelow)
    {
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var g0 = ref MemoryMarshal.GetReference(g);
        ref var d0 = ref MemoryMarshal.GetReference(delta);
        var below = Vector512.Create(saturatedBelow);
        Vector512<double> low = default, high = default; // elements 0–7 and 8–15 of every 16, as SumOfSquares512
        var saturated = 0;
        var i = 0;
        for (; i <= a.Length - 32; i += 32)
        {
            var p = Delta(ref a0, ref g0, ref d0, i, below, ref saturated);
            var q = Delta(ref a0, ref g0, ref d0, i + 16, below, ref saturated);
            var (x, y) = Vector512.Widen(p);
            var (u, v) = Vector512.Widen(q);
            low = low + x * x + u * u;
            high = high + y * y + v * v;
        }
        for (; i <= a.Length - 16; i += 16)
        {
            var (x, y) = Vector512.Widen(Delta(ref a0, ref g0, ref d0, i, below, ref saturated));
            low += x * x;
            high += y * y;
        }
        for (; i <= a.Length - 8; i += 8)
        {
            var th = Vector256.LoadUnsafe(ref a0, (nuint)i);
            var slope = Vector256<float>.One - th * th;
            saturated += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(slope, below.GetLower())));
            var d = Vector256.LoadUnsafe(ref g0, (nuint)i) * slope;
            d.StoreUnsafe(ref d0, (nuint)i);
            var x = Vector512.WidenLower(d.ToVector512Unsafe());
            low += x * x;
        }
        var sum = Vector256.Sum((low.GetLower() + low.GetUpper()) + (high.GetLower() + high.GetUpper()));
        for (; i < a.Length; i++)
        {
            var slope = 1f - a[i] * a[i];
            if (slope < saturatedBelow) saturated++;
            delta[i] = g[i] * slope;
            sum += (double)delta[i] * delta[i];
        }
        return (saturated, sum);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Delta(ref float a0, ref float g0, ref float d0, int i, Vector512<float> below, ref int saturated)
    {
        var th = Vector512.LoadUnsafe(ref a0, (nuint)i);
        var slope = Vector512<float>.One - th * th;
        saturated += BitOperations.PopCount(Vector512.ExtractMostSignificantBits(Vector512.LessThan(slope, below)));
        var d = Vector512.LoadUnsafe(ref g0, (nuint)i) * slope;
        d.StoreUnsafe(ref d0, (nuint)i);
        return d;
    }
}
