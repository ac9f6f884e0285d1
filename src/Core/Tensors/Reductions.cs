using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Tensors;

/// <summary>Sums over a whole tensor, accumulated in float64 whatever T is (the probes' promise), in a fixed order.</summary>
public static partial class Reductions
{
    /// <summary>Σ x² in float64.</summary>
    public static double SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return SumOfSquares(MemoryMarshal.Cast<T, float>(x));
        return SumOfSquares(MemoryMarshal.Cast<T, double>(x));
    }

    /// <summary>(Σ x, Σ x²) in float64.</summary>
    public static (double Sum, double SumOfSquares) Moments<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return Moments(MemoryMarshal.Cast<T, float>(x));
        return Moments(MemoryMarshal.Cast<T, double>(x));
    }

    /// <summary>How many entries are NaN or ±∞.</summary>
    public static int CountNonFinite<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = 0;
        foreach (var v in x) if (!T.IsFinite(v)) count++;
        return count;
    }

    /// <summary>
    /// Σ x and Σ x² of <paramref name="a"/> in float64, while <paramref name="alive"/> (one entry per column, not cleared:
    /// it accumulates over calls) gets non-zero bits in every column with a non-zero entry (NaN counts). A pass cut into
    /// shares calls it per fixed block of rows and adds the blocks' sums in order, so totals do not depend on the cut.
    /// </summary>
    public static (double Sum, double SumOfSquares) ActivationMoments<T>(MatrixView<T> a, Span<T> alive)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return ActivationMoments(MemoryMarshal.Cast<T, float>(a.Span), a.Cols, MemoryMarshal.Cast<T, uint>(alive));
        return ActivationMoments(MemoryMarshal.Cast<T, double>(a.Span), a.Cols, MemoryMarshal.Cast<T, ulong>(alive));
    }

    /// <summary>
    /// The share of columns dead in every one of the <paramref name="alive"/> masks ([masks × cols], as
    /// <see cref="ActivationMoments{T}"/> fills them): a unit is dead when no mask has a bit set for it.
    /// </summary>
    public static double DeadShare<T>(ReadOnlySpan<T> alive, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return DeadColumns(MemoryMarshal.Cast<T, uint>(alive), cols);
        return DeadColumns(MemoryMarshal.Cast<T, ulong>(alive), cols);
    }

    /// <summary>Σ over the rows of <paramref name="a"/> of columns [<paramref name="first"/>, first + <paramref name="count"/>), in float64.</summary>
    public static double SumOfColumns<T>(MatrixView<T> a, int first, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float))
        {
            var total = 0.0;
            for (var i = 0; i < a.Rows; i++) total += TensorPrimitives.Sum(MemoryMarshal.Cast<T, double>(a.Row(i).Slice(first, count)));
            return total;
        }
        const int n = 8;
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        var sum = 0.0;
        for (var i = 0; i < a.Rows; i++)
        {
            var r = MemoryMarshal.Cast<T, float>(a.Row(i).Slice(first, count));
            var j = 0;
            for (; j <= r.Length - 2 * n; j += 2 * n)
            {
                var (lo, hi) = Vector256.Widen(Vector256.Create(r.Slice(j, n)));
                var (lo2, hi2) = Vector256.Widen(Vector256.Create(r.Slice(j + n, n)));
                s0 += lo;
                s1 += hi;
                s2 += lo2;
                s3 += hi2;
            }
            for (; j <= r.Length - n; j += n)
            {
                var (lo, hi) = Vector256.Widen(Vector256.Create(r.Slice(j, n)));
                s0 += lo;
                s1 += hi;
            }
            for (; j < r.Length; j++) sum += r[j];
        }
        return sum + Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    private static (double, double) ActivationMoments(ReadOnlySpan<float> x, int cols, Span<uint> alive) =>
        Vector512.IsHardwareAccelerated ? ActivationMoments512(x, cols, alive) : ActivationMoments256(x, cols, alive);

    internal static (double, double) ActivationMoments256(ReadOnlySpan<float> x, int cols, Span<uint> alive)
    {
        const int n = 8;
        Vector256<double> s0 = default, s1 = default, q0 = default, q1 = default;
        Vector256<double> s2 = default, s3 = default, q2 = default, q3 = default;
        double sum = 0, squares = 0;
        for (var row = 0; row < x.Length; row += cols)
        {
            var r = x.Slice(row, cols);
            var j = 0;
            // Two vectors a turn on separate accumulators, so the float64 adds do not wait on each other's latency.
            for (; j <= cols - 2 * n; j += 2 * n)
            {
                var v = Vector256.Create(r.Slice(j, n));
                var w = Vector256.Create(r.Slice(j + n, n));
                var (lo, hi) = Vector256.Widen(v);
                var (lo2, hi2) = Vector256.Widen(w);
                s0 += lo;
                s1 += hi;
                s2 += lo2;
                s3 += hi2;
                q0 = Vector256.FusedMultiplyAdd(lo, lo, q0);
                q1 = Vector256.FusedMultiplyAdd(hi, hi, q1);
                q2 = Vector256.FusedMultiplyAdd(lo2, lo2, q2);
                q3 = Vector256.FusedMultiplyAdd(hi2, hi2, q3);
                (Vector256.Create((ReadOnlySpan<uint>)alive.Slice(j, n)) | ~Vector256.Equals(v, Vector256<float>.Zero).AsUInt32()).CopyTo(alive.Slice(j, n));
                (Vector256.Create((ReadOnlySpan<uint>)alive.Slice(j + n, n)) | ~Vector256.Equals(w, Vector256<float>.Zero).AsUInt32()).CopyTo(alive.Slice(j + n, n));
            }
            for (; j <= cols - n; j += n)
            {
                var v = Vector256.Create(r.Slice(j, n));
                var (lo, hi) = Vector256.Widen(v);
                s0 += lo;
                s1 += hi;
                q0 = Vector256.FusedMultiplyAdd(lo, lo, q0);
                q1 = Vector256.FusedMultiplyAdd(hi, hi, q1);
                (Vector256.Create((ReadOnlySpan<uint>)alive.Slice(j, n)) | ~Vector256.Equals(v, Vector256<float>.Zero).AsUInt32()).CopyTo(alive.Slice(j, n));
            }
            for (; j < cols; j++)
            {
                sum += r[j];
                squares += (double)r[j] * r[j];
                if (r[j] != 0f) alive[j] = 1;
            }
        }
        return (sum + Vector256.Sum((s0 + s1) + (s2 + s3)), squares + Vector256.Sum((q0 + q1) + (q2 + q3)));
    }

    private static (double, double) ActivationMoments(ReadOnlySpan<double> x, int cols, Span<ulong> alive)
    {
        const int n = 4;
        Vector256<double> s0 = default, q0 = default;
        double sum = 0, squares = 0;
        for (var row = 0; row < x.Length; row += cols)
        {
            var r = x.Slice(row, cols);
            var j = 0;
            for (; j <= cols - n; j += n)
            {
                var v = Vector256.Create(r.Slice(j, n));
                s0 += v;
                q0 = Vector256.FusedMultiplyAdd(v, v, q0);
                (Vector256.Create((ReadOnlySpan<ulong>)alive.Slice(j, n)) | ~Vector256.Equals(v, Vector256<double>.Zero).AsUInt64()).CopyTo(alive.Slice(j, n));
            }
            for (; j < cols; j++)
            {
                sum += r[j];
                squares += r[j] * r[j];
                if (r[j] != 0d) alive[j] = 1;
            }
        }
        return (sum + Vector256.Sum(s0), squares + Vector256.Sum(q0));
    }

    private static double DeadColumns<TBits>(ReadOnlySpan<TBits> alive, int cols) where TBits : unmanaged, IBinaryInteger<TBits>
    {
        if (cols == 0) return 0;
        ref var a0 = ref MemoryMarshal.GetReference(alive);
        var dead = 0;
        var j = 0;
        // A vector of columns at a time, each mask's bits or-ed in; then the columns no mask set, one by one.
        for (; j <= cols - Vector256<TBits>.Count; j += Vector256<TBits>.Count)
        {
            var bits = Vector256<TBits>.Zero;
            for (var m = j; m < alive.Length; m += cols) bits |= Vector256.LoadUnsafe(ref a0, (nuint)m);
            dead += BitOperations.PopCount(Vector256.Equals(bits, Vector256<TBits>.Zero).ExtractMostSignificantBits());
        }
        for (; j < cols; j++)
        {
            var bits = TBits.Zero;
            for (var m = j; m < alive.Length; m += cols) bits |= alive[m];
            if (bits == TBits.Zero) dead++;
        }
        return (double)dead / cols;
    }

    private static (double, double) Moments(ReadOnlySpan<float> x) =>
        Vector512.IsHardwareAccelerated ? Moments512(x) : Moments256(x);

    internal static (double, double) Moments256(ReadOnlySpan<float> x)
    {
        Vector256<double> s0 = default, s1 = default, q0 = default, q1 = default;
        var i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Create(x.Slice(i, Vector256<float>.Count)));
            s0 += lo;
            s1 += hi;
            q0 = Vector256.FusedMultiplyAdd(lo, lo, q0);
            q1 = Vector256.FusedMultiplyAdd(hi, hi, q1);
        }
        var (sum, squares) = (Vector256.Sum(s0 + s1), Vector256.Sum(q0 + q1));
        for (; i < x.Length; i++)
        {
            sum += x[i];
            squares += (double)x[i] * x[i];
        }
        return (sum, squares);
    }

    private static (double, double) Moments(ReadOnlySpan<double> x)
    {
        Vector256<double> s0 = default, q0 = default;
        var i = 0;
        for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
        {
            var v = Vector256.Create(x.Slice(i, Vector256<double>.Count));
            s0 += v;
            q0 = Vector256.FusedMultiplyAdd(v, v, q0);
        }
        var (sum, squares) = (Vector256.Sum(s0), Vector256.Sum(q0));
        for (; i < x.Length; i++)
        {
            sum += x[i];
            squares += x[i] * x[i];
        }
        return (sum, squares);
    }

    private static double SumOfSquares(ReadOnlySpan<float> x) =>
        Vector512.IsHardwareAccelerated ? SumOfSquares512(x) : SumOfSquares256(x);

    internal static double SumOfSquares256(ReadOnlySpan<float> x)
    {
        // Four chains of FMAs, two vectors a turn, so the adds do not wait on each other's latency.
        Vector256<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        const int n = 8;
        var i = 0;
        for (; i <= x.Length - 2 * n; i += 2 * n)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Create(x.Slice(i, n)));
            var (lo2, hi2) = Vector256.Widen(Vector256.Create(x.Slice(i + n, n)));
            acc0 = Vector256.FusedMultiplyAdd(lo, lo, acc0);
            acc1 = Vector256.FusedMultiplyAdd(hi, hi, acc1);
            acc2 = Vector256.FusedMultiplyAdd(lo2, lo2, acc2);
            acc3 = Vector256.FusedMultiplyAdd(hi2, hi2, acc3);
        }
        for (; i <= x.Length - n; i += n)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Create(x.Slice(i, n)));
            acc0 = Vector256.FusedMultiplyAdd(lo, lo, acc0);
            acc1 = Vector256.FusedMultiplyAdd(hi, hi, acc1);
        }
        var sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        return sum;
    }

    private static double SumOfSquares(ReadOnlySpan<double> x)
    {
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= x.Length - 2 * Vector256<double>.Count; i += 2 * Vector256<double>.Count)
        {
            var a = Vector256.Create(x.Slice(i, Vector256<double>.Count));
            var b = Vector256.Create(x.Slice(i + Vector256<double>.Count, Vector256<double>.Count));
            acc0 = Vector256.FusedMultiplyAdd(a, a, acc0);
            acc1 = Vector256.FusedMultiplyAdd(b, b, acc1);
        }
        var sum = Vector256.Sum(acc0 + acc1);
        for (; i < x.Length; i++) sum += x[i] * x[i];
        return sum;
    }
}
