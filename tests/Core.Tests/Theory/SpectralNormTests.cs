using GradientService.Core.Theory;
using GradientService.Core.Training;
using MathNet.Numerics.LinearAlgebra;

namespace GradientService.Core.Tests.Theory;

public class SpectralNormTests
{
    /// <summary>Odd shapes (vector tails), tall and wide, against MathNet's SVD; a gap σ₁ ≫ σ₂ so 30 iterations converge.</summary>
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

        var scratch = new double[2 * cols + rows];
        Assert.Equal(expected, SpectralNorm.Estimate<double>(rowMajor, rows, cols, scratch), expected * 1e-9);
        var single = rowMajor.Select(x => (float)x).ToArray();
        Assert.Equal(expected, SpectralNorm.Estimate<float>(single, rows, cols, scratch), expected * 1e-6);
    }

    [Fact]
    public void A_zero_matrix_has_norm_zero()
    {
        Assert.Equal(0.0, SpectralNorm.Estimate<float>(new float[12], 3, 4, new double[11]));
    }
}
