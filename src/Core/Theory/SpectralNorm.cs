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
    /// Wᵀu. Sums in float64, vectorised (a probe taken every step must cost little next to the step).
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
            for (var i = 0; i < rows; i++)
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
