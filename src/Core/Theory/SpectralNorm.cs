namespace GradientService.Core.Theory;

/// <summary>σ_max of a dense matrix by power iteration on WᵀW, from a fixed start so the estimate is deterministic.</summary>
public static class SpectralNorm
{
    /// <summary>Iterations of the power method; the estimate converges like (σ₂/σ₁)^(2k), ample for a probe.</summary>
    public const int Iterations = 30;

    /// <summary>Largest singular value of <paramref name="w"/> ([rows × cols], row-major), with caller-owned scratch of length cols + rows.</summary>
    public static double Estimate<T>(ReadOnlySpan<T> w, int rows, int cols, Span<double> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = scratch[..cols];
        var u = scratch.Slice(cols, rows);
        v.Fill(1.0 / Math.Sqrt(cols));
        var sigma = 0.0;
        for (var k = 0; k < Iterations; k++)
        {
            // u = W v
            for (var i = 0; i < rows; i++)
            {
                var row = w.Slice(i * cols, cols);
                var s = 0.0;
                for (var j = 0; j < cols; j++) s += double.CreateTruncating(row[j]) * v[j];
                u[i] = s;
            }
            sigma = Norm(u);
            if (sigma == 0 || !double.IsFinite(sigma)) return sigma;
            // v = Wᵀ u / ‖Wᵀ u‖
            v.Clear();
            for (var i = 0; i < rows; i++)
            {
                var row = w.Slice(i * cols, cols);
                var ui = u[i];
                for (var j = 0; j < cols; j++) v[j] += double.CreateTruncating(row[j]) * ui;
            }
            var norm = Norm(v);
            if (norm == 0) return sigma;
            for (var j = 0; j < cols; j++) v[j] /= norm;
        }
        return sigma;
    }

    private static double Norm(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        foreach (var e in x) s += e * e;
        return Math.Sqrt(s);
    }
}
