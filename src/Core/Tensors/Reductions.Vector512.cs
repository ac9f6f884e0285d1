using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>
/// The float sums on 512-bit lanes, where the hardware has them: bitwise the same as the Vector256 loops. Each 512-bit
/// accumulator holds two of theirs side by side (lanes 0–3 and 4–7), takes the same elements in the same order, and is
/// split back into its halves for the same final adds. A square of a float is exact in float64, so a multiply and an add
/// give what the fused multiply-add gives, off the accumulator's chain.
/// </summary>
public static partial class Reductions
{
    internal static double SumOfSquares512(ReadOnlySpan<float> x)
    {
        ref var x0 = ref MemoryMarshal.GetReference(x);
        Vector512<double> low = default, high = default; // elements 0–7 and 8–15 of every 16
        var i = 0;
        for (; i <= x.Length - 32; i += 32)
        {
            var (a, b) = Vector512.Widen(Vector512.LoadUnsafe(ref x0, (nuint)i));
            var (c, d) = Vector512.Widen(Vector512.LoadUnsafe(ref x0, (nuint)i + 16));
            low = low + a * a + c * c;
            high = high + b * b + d * d;
        }
        for (; i <= x.Length - 16; i += 16)
        {
            var (a, b) = Vector512.Widen(Vector512.LoadUnsafe(ref x0, (nuint)i));
            low += a * a;
            high += b * b;
        }
        for (; i <= x.Length - 8; i += 8)
        {
            var a = Widen8(ref x0, i);
            low += a * a;
        }
        var sum = Vector256.Sum((low.GetLower() + low.GetUpper()) + (high.GetLower() + high.GetUpper()));
        for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        return sum;
    }

    internal static (double, double) Moments512(ReadOnlySpan<float> x)
    {
        ref var x0 = ref MemoryMarshal.GetReference(x);
        Vector512<double> s = default, q = default;
        var i = 0;
        for (; i <= x.Length - 16; i += 16)
        {
            var (a, b) = Vector512.Widen(Vector512.LoadUnsafe(ref x0, (nuint)i));
            s = s + a + b;
            q = q + a * a + b * b;
        }
        for (; i <= x.Length - 8; i += 8)
        {
            var a = Widen8(ref x0, i);
            s += a;
            q += a * a;
        }
        var (sum, squares) = (Vector256.Sum(s.GetLower() + s.GetUpper()), Vector256.Sum(q.GetLower() + q.GetUpper()));
        for (; i < x.Length; i++)
        {
            sum += x[i];
            squares += (double)x[i] * x[i];
        }
        return (sum, squares);
    }

    internal static (double, double) ActivationMoments512(ReadOnlySpan<float> x, int cols, Span<uint> alive)
    {
        ref var a0 = ref MemoryMarshal.GetReference(alive);
        Vector512<double> sLow = default, sHigh = default, qLow = default, qHigh = default; // columns 0–7 and 8–15 of every 16
        double sum = 0, squares = 0;
        for (var row = 0; row < x.Length; row += cols)
        {
            var r = x.Slice(row, cols);
            ref var r0 = ref MemoryMarshal.GetReference(r);
            var j = 0;
            for (; j <= cols - 16; j += 16)
            {
                var v = Vector512.LoadUnsafe(ref r0, (nuint)j);
                var (lo, hi) = Vector512.Widen(v);
                sLow += lo;
                sHigh += hi;
                qLow += lo * lo;
                qHigh += hi * hi;
                (Vector512.LoadUnsafe(ref a0, (nuint)j) | ~Vector512.Equals(v, Vector512<float>.Zero).AsUInt32()).StoreUnsafe(ref a0, (nuint)j);
            }
            for (; j <= cols - 8; j += 8)
            {
                var v = Vector256.LoadUnsafe(ref r0, (nuint)j);
                var w = Vector512.WidenLower(v.ToVector512Unsafe());
                sLow += w;
                qLow += w * w;
                (Vector256.LoadUnsafe(ref a0, (nuint)j) | ~Vector256.Equals(v, Vector256<float>.Zero).AsUInt32()).StoreUnsafe(ref a0, (nuint)j);
            }
            for (; j < cols; j++)
            {
                sum += r[j];
                squares += (double)r[j] * r[j];
                if (r[j] != 0f) alive[j] = 1;
            }
        }
        return (sum + Vector256.Sum((sLow.GetLower() + sLow.GetUpper()) + (sHigh.GetLower() + sHigh.GetUpper())),
            squares + Vector256.Sum((qLow.GetLower() + qLow.GetUpper()) + (qHigh.GetLower() + qHigh.GetUpper())));
    }

    /// <summary>Elements <paramref name="i"/> … i + 7 in float64.</summary>
    private static Vector512<double> Widen8(ref float x0, int i) => Vector512.WidenLower(Vector256.LoadUnsafe(ref x0, (nuint)i).ToVector512Unsafe());
}
