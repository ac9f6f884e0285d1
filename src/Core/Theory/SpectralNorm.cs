using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradientService.Core.Theory;

/// <summary>σ_max of a dense matrix by power iteration on WᵀW, deterministic from its start vector.</summary>
public static class SpectralNorm
{
    /// <summary>Most iterations per estimate; from the fixed start the estimate converges like (σ₂/σ₁)^(2k).</summary>
    public const int MaxIterations = 30;

    /// <summary>Iteration stops once an iteration changes the estimate by less than this share of it.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>
    /// Largest singular value of <paramref name="w"/> ([rows × cols], row-major). <paramref name="start"/> (length cols) is
    /// the start vector: all zeros means the fixed start 1/√cols. On return it holds the last iterate, so the next call on
    /// a nearby matrix (the same weights one training step later) starts warm and converges in a couple of iterations.
    /// <paramref name="scratch"/> is caller-owned, of length cols + rows.
    /// </summary>
    /// <remarks>
    /// One pass over W per iteration: row i gives u_i = W_i·v and, while the row is still in L1, adds u_i·W_i to
    /// Wᵀu. Sums in float64, vectorised (a probe taken every step must cost little next to the step); float rows four at
    /// a time (<see cref="DotThenAdd4"/>: bitwise what four single rows give, in a quarter of the dependency chains).
    /// </remarks>
    public static double Estimate<T>(ReadOnlySpan<T> w, int rows, int cols, Span<double> start, Span<double> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = start[..cols];
        var next = scratch[..cols];
        var u = scratch.Slice(cols, rows);
        if (!v.ContainsAnyExcept(0.0)) v.Fill(1.0 / Math.Sqrt(cols));
        var sigma = 0.0;
        for (var k = 0; k < MaxIterations; k++)
        {
            next.Clear();
            var i = 0;
            if (typeof(T) == typeof(float))
                for (; i <= rows - 4; i += 4)
                    DotThenAdd4(MemoryMarshal.Cast<T, float>(w.Slice(i * cols, 4 * cols)), cols, v, next, u.Slice(i, 4));
            for (; i < rows; i++)
            {
                var row = w.Slice(i * cols, cols);
                u[i] = typeof(T) == typeof(float)
                    ? DotThenAdd(MemoryMarshal.Cast<T, float>(row), v, next)
                    : DotThenAdd(MemoryMarshal.Cast<T, double>(row), v, next);
            }
            var previous = sigma;
            sigma = Norm(u);
            var norm = Norm(next);
            if (sigma == 0 || norm == 0 || !double.IsFinite(sigma) || !double.IsFinite(norm))
            {
                v.Clear();
                return sigma;
            }
            for (var j = 0; j < cols; j++) v[j] = next[j] / norm;
            if (sigma - previous <= Tolerance * sigma) break;
        }
        return sigma;
    }

    /// <summary>s = row·v, then next += s·row; returns s.</summary>
    private static double DotThenAdd(ReadOnlySpan<float> row, ReadOnlySpan<double> v, Span<double> next)
    {
        const int n = 8;
        Vector256<double> a0 = default, a1 = default;
        var j = 0;
        for (; j <= row.Length - n; j += n)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Create(row.Slice(j, n)));
            a0 = Vector256.FusedMultiplyAdd(lo, Vector256.Create(v.Slice(j, 4)), a0);
            a1 = Vector256.FusedMultiplyAdd(hi, Vector256.Create(v.Slice(j + 4, 4)), a1);
        }
        var s = Vector256.Sum(a0 + a1);
        for (var t = j; t < row.Length; t++) s += row[t] * v[t];
        var sv = Vector256.Create(s);
        for (j = 0; j <= row.Length - n; j += n)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Create(row.Slice(j, n)));
            Vector256.FusedMultiplyAdd(lo, sv, Vector256.Create(next.Slice(j, 4))).CopyTo(next.Slice(j, 4));
            Vector256.FusedMultiplyAdd(hi, sv, Vector256.Create(next.Slice(j + 4, 4))).CopyTo(next.Slice(j + 4, 4));
        }
        for (; j < row.Length; j++) next[j] += s * row[j];
        return s;
    }

    /// <summary>
    /// <see cref="DotThenAdd(ReadOnlySpan{float}, ReadOnlySpan{double}, Span{double})"/> of four consecutive rows
    /// ([4 × <paramref name="cols"/>]) at once, each with its own accumulators in the same order, and their adds to
    /// <paramref name="next"/> in row order element by element: bitwise the four single calls, with four independent
    /// chains where one waited on itself. Writes the four dot products into <paramref name="s"/>.
    /// </summary>
    private static void DotThenAdd4(ReadOnlySpan<float> rows, int cols, ReadOnlySpan<double> v, Span<double> next, Span<double> s)
    {
        const int n = 8;
        var r0 = rows[..cols];
        var r1 = rows.Slice(cols, cols);
        var r2 = rows.Slice(2 * cols, cols);
        var r3 = rows.Slice(3 * cols, cols);
        Vector256<double> a0 = default, a1 = default, b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
        var j = 0;
        for (; j <= cols - n; j += n)
        {
            var (vl, vh) = (Vector256.Create(v.Slice(j, 4)), Vector256.Create(v.Slice(j + 4, 4)));
            var (lo, hi) = Vector256.Widen(Vector256.Create(r0.Slice(j, n)));
            a0 = Vector256.FusedMultiplyAdd(lo, vl, a0);
            a1 = Vector256.FusedMultiplyAdd(hi, vh, a1);
            (lo, hi) = Vector256.Widen(Vector256.Create(r1.Slice(j, n)));
            b0 = Vector256.FusedMultiplyAdd(lo, vl, b0);
            b1 = Vector256.FusedMultiplyAdd(hi, vh, b1);
            (lo, hi) = Vector256.Widen(Vector256.Create(r2.Slice(j, n)));
            c0 = Vector256.FusedMultiplyAdd(lo, vl, c0);
            c1 = Vector256.FusedMultiplyAdd(hi, vh, c1);
            (lo, hi) = Vector256.Widen(Vector256.Create(r3.Slice(j, n)));
            d0 = Vector256.FusedMultiplyAdd(lo, vl, d0);
            d1 = Vector256.FusedMultiplyAdd(hi, vh, d1);
        }
        var (s0, s1, s2, s3) = (Vector256.Sum(a0 + a1), Vector256.Sum(b0 + b1), Vector256.Sum(c0 + c1), Vector256.Sum(d0 + d1));
        for (var t = j; t < cols; t++)
        {
            s0 += r0[t] * v[t];
            s1 += r1[t] * v[t];
            s2 += r2[t] * v[t];
            s3 += r3[t] * v[t];
        }
        (s[0], s[1], s[2], s[3]) = (s0, s1, s2, s3);
        var (sv0, sv1, sv2, sv3) = (Vector256.Create(s0), Vector256.Create(s1), Vector256.Create(s2), Vector256.Create(s3));
        for (j = 0; j <= cols - n; j += n)
        {
            var (lo, hi) = Vector256.Widen(Vector256.Create(r0.Slice(j, n)));
            var xl = Vector256.FusedMultiplyAdd(lo, sv0, Vector256.Create(next.Slice(j, 4)));
            var xh = Vector256.FusedMultiplyAdd(hi, sv0, Vector256.Create(next.Slice(j + 4, 4)));
            (lo, hi) = Vector256.Widen(Vector256.Create(r1.Slice(j, n)));
            xl = Vector256.FusedMultiplyAdd(lo, sv1, xl);
            xh = Vector256.FusedMultiplyAdd(hi, sv1, xh);
            (lo, hi) = Vector256.Widen(Vector256.Create(r2.Slice(j, n)));
            xl = Vector256.FusedMultiplyAdd(lo, sv2, xl);
            xh = Vector256.FusedMultiplyAdd(hi, sv2, xh);
            (lo, hi) = Vector256.Widen(Vector256.Create(r3.Slice(j, n)));
            Vector256.FusedMultiplyAdd(lo, sv3, xl).CopyTo(next.Slice(j, 4));
            Vector256.FusedMultiplyAdd(hi, sv3, xh).CopyTo(next.Slice(j + 4, 4));
        }
        for (; j < cols; j++)
        {
            next[j] += s0 * r0[j];
            next[j] += s1 * r1[j];
            next[j] += s2 * r2[j];
            next[j] += s3 * r3[j];
        }
    }

    private static double DotThenAdd(ReadOnlySpan<double> row, ReadOnlySpan<double> v, Span<double> next)
    {
        const int n = 4;
        Vector256<double> a0 = default;
        var j = 0;
        for (; j <= row.Length - n; j += n)
            a0 = Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(j, n)), Vector256.Create(v.Slice(j, n)), a0);
        var s = Vector256.Sum(a0);
        for (var t = j; t < row.Length; t++) s += row[t] * v[t];
        var sv = Vector256.Create(s);
        for (j = 0; j <= row.Length - n; j += n)
            Vector256.FusedMultiplyAdd(Vector256.Create(row.Slice(j, n)), sv, Vector256.Create(next.Slice(j, n))).CopyTo(next.Slice(j, n));
        for (; j < row.Length; j++) next[j] += s * row[j];
        return s;
    }

    private static double Norm(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        foreach (var e in x) s += e * e;
        return Math.Sqrt(s);
    }
}
