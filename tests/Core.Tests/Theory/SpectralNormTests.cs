using System.Runtime.Intrinsics;
using GradientService.Core.Theory;
using GradientService.Core.Training;
using MathNet.Numerics.LinearAlgebra;

namespace GradientService.Core.Tests.Theory;

public class SpectralNormTests
{
    /// <summary>
    /// Odd shapes (vector tails), tall and wide, from the cold start, against MathNet's SVD: with a gap σ₁ ≫ σ₂ the
    /// iteration converges fast, so stopping at a change below the tolerance leaves an error below it.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(13, 7)]
    [InlineData(65, 33)]
    [InlineData(512, 128)]
    public void Matches_the_largest_singular_value(int rows, int cols)
    {
        var w = Matrix<double>.Build.Dense(rows, cols);
        var rng = new Rng((ulong)(rows * 1000 + cols));
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) w[i, j] = rng.NextGaussian() / Math.Sqrt(cols);
        // A dominant rank-one part: σ₁ well above σ₂.
        var u = Vector<double>.Build.Dense(rows, i => Math.Cos(i + 1));
        var v = Vector<double>.Build.Dense(cols, j => Math.Sin(j + 2));
        w += 5.0 * u.OuterProduct(v) / (u.L2Norm() * v.L2Norm());
        var expected = w.Svd(computeVectors: false).S[0];
        var rowMajor = w.ToRowMajorArray();

        var scratch = new double[cols + rows];
        Assert.Equal(expected, SpectralNorm.Estimate<double>(rowMajor, rows, cols, new double[cols], scratch), expected * SpectralNorm.Tolerance);
        var single = rowMajor.Select(x => (float)x).ToArray();
        Assert.Equal(expected, SpectralNorm.Estimate<float>(single, rows, cols, new double[cols], scratch), expected * 2 * SpectralNorm.Tolerance);
    }

    /// <summary>
    /// A random square matrix (σ₁ and σ₂ close: the cold start stops at the iteration cap short of the true value),
    /// changed a little at a time as training does: each estimate warm-started from the last one's vector ends closer to
    /// the SVD's σ₁ than the cold start on the same matrix, and never above it.
    /// </summary>
    [Fact]
    public void A_warm_start_tracks_a_slowly_changing_matrix_closer_than_the_cold_start()
    {
        const int n = 64;
        var rng = new Rng(7);
        var w = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextGaussian() / Math.Sqrt(n));
        var start = new double[n];
        var scratch = new double[2 * n];
        var warmErrors = new List<double>();
        var coldErrors = new List<double>();
        for (var step = 0; step < 40; step++)
        {
            w += Matrix<double>.Build.Dense(n, n, (_, _) => 1e-3 * rng.NextGaussian() / Math.Sqrt(n));
            var expected = w.Svd(computeVectors: false).S[0];
            var rowMajor = w.ToRowMajorArray();
            var warm = SpectralNorm.Estimate<double>(rowMajor, n, n, start, scratch);
            var cold = SpectralNorm.Estimate<double>(rowMajor, n, n, new double[n], scratch);
            Assert.True(warm <= expected * (1 + 1e-12), $"step {step}: {warm} above σ₁ = {expected}");
            warmErrors.Add((expected - warm) / expected);
            coldErrors.Add((expected - cold) / expected);
        }
        Assert.True(warmErrors[^1] < 1e-6, $"warm-started error after 40 steps {warmErrors[^1]:E2}");
        Assert.True(warmErrors.Skip(10).Max() < coldErrors.Skip(10).Min(), $"warm {warmErrors.Skip(10).Max():E2} vs cold {coldErrors.Skip(10).Min():E2}");
    }

    [Fact]
    public void The_same_matrix_and_start_give_bitwise_the_same_estimate_and_vector()
    {
        var rng = new Rng(11);
        var w = Enumerable.Range(0, 96 * 32).Select(_ => (float)rng.NextGaussian()).ToArray();
        var (a, b) = (new double[32], new double[32]);
        var first = SpectralNorm.Estimate<float>(w, 96, 32, a, new double[128]);
        var second = SpectralNorm.Estimate<float>(w, 96, 32, b, new double[128]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first), BitConverter.DoubleToInt64Bits(second));
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_zero_matrix_has_norm_zero_and_leaves_a_cold_start()
    {
        var start = new double[4];
        Assert.Equal(0.0, SpectralNorm.Estimate<float>(new float[12], 3, 4, start, new double[7]));
        Assert.All(start, x => Assert.Equal(0.0, x));
    }

    /// <summary>
    /// Float rows go four at a time: the estimate and the last iterate are bitwise those of the row-by-row iteration
    /// (<see cref="RowByRow"/>, the loop as it was), for every count of rows mod 4 and with and without column tails.
    /// </summary>
    [Theory]
    [InlineData(3, 9)]
    [InlineData(4, 8)]
    [InlineData(5, 13)]
    [InlineData(6, 37)]
    [InlineData(7, 16)]
    [InlineData(512, 128)]
    public void Four_rows_at_once_give_bitwise_the_row_by_row_estimate(int rows, int cols)
    {
        var rng = new Rng((ulong)(rows * 100 + cols));
        var w = Enumerable.Range(0, rows * cols).Select(_ => (float)(rng.NextGaussian() / Math.Sqrt(cols))).ToArray();
        var (start, expectedStart) = (new double[cols], new double[cols]);

        var estimate = SpectralNorm.Estimate<float>(w, rows, cols, start, new double[cols + rows]);
        var expected = RowByRow(w, rows, cols, expectedStart);

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(estimate));
        Assert.Equal(expectedStart.Select(BitConverter.DoubleToInt64Bits), start.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>The float power iteration one row at a time, as <see cref="SpectralNorm.Estimate{T}"/> ran it before rows went four at a time.</summary>
    private static double RowByRow(float[] w, int rows, int cols, double[] v)
    {
        var (next, u) = (new double[cols], new double[rows]);
        v.AsSpan().Fill(1.0 / Math.Sqrt(cols));
        var sigma = 0.0;
        for (var k = 0; k < SpectralNorm.MaxIterations; k++)
        {
            Array.Clear(next);
            for (var i = 0; i < rows; i++)
            {
                var row = w.AsSpan(i * cols, cols);
                Vector256<double> a0 = default, a1 = default;
                var j = 0;
                for (; j <= cols - 8; j += 8)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.Create(row.Slice(j, 8)));
                    a0 = Vector256.FusedMultiplyAdd(lo, Vector256.Create(v.AsSpan(j, 4)), a0);
                    a1 = Vector256.FusedMultiplyAdd(hi, Vector256.Create(v.AsSpan(j + 4, 4)), a1);
                }
                var s = Vector256.Sum(a0 + a1);
                for (var t = j; t < cols; t++) s += row[t] * v[t];
                for (j = 0; j <= cols - 8; j += 8)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.Create(row.Slice(j, 8)));
                    Vector256.FusedMultiplyAdd(lo, Vector256.Create(s), Vector256.Create(next.AsSpan(j, 4))).CopyTo(next.AsSpan(j, 4));
                    Vector256.FusedMultiplyAdd(hi, Vector256.Create(s), Vector256.Create(next.AsSpan(j + 4, 4))).CopyTo(next.AsSpan(j + 4, 4));
                }
                for (; j < cols; j++) next[j] += s * row[j];
                u[i] = s;
            }
            var previous = sigma;
            sigma = Norm(u);
            var norm = Norm(next);
            for (var j = 0; j < cols; j++) v[j] = next[j] / norm;
            if (sigma - previous <= SpectralNorm.Tolerance * sigma) break;
        }
        return sigma;
    }

    private static double Norm(double[] x)
    {
        var s = 0.0;
        foreach (var e in x) s += e * e;
        return Math.Sqrt(s);
    }
}
