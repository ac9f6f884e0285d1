using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>NaN, ±∞ and extreme scales go through the product as IEEE arithmetic says, element by element.</summary>
public sealed class MatrixProductSpecialValuesTests
{
    private const int M = 9, K = 5, N = 40; // a partial micro-tile in both directions

    private static MatrixView<float> Filled(int rows, int cols, float value)
    {
        var data = new float[rows * cols];
        Array.Fill(data, value);
        return new MatrixView<float>(data, 0, rows, cols);
    }

    [Fact]
    public void Multiply_NaNInA_PropagatesToItsRowOnly()
    {
        using var product = new MatrixProduct<float>();
        var a = Filled(M, K, 0.5f);
        a.Data[3 * K + 2] = float.NaN;
        var c = Filled(M, N, 0f);
        product.Multiply(a, false, Filled(K, N, 2f), false, c);
        for (var i = 0; i < M; i++)
            for (var j = 0; j < N; j++)
                Assert.Equal(i == 3, float.IsNaN(c.Data[i * N + j]));
    }

    [Fact]
    public void Multiply_OverwritingNaNC_IgnoresItsOldValues()
    {
        using var product = new MatrixProduct<float>();
        var c = Filled(M, N, float.NaN);
        product.Multiply(Filled(M, K, 1f), false, Filled(K, N, 1f), false, c, accumulate: false);
        Assert.All(c.Data, x => Assert.Equal(K, x));
    }

    [Fact]
    public void Multiply_InfinityTimesZero_GivesNaNAndInfinityTimesOneGivesInfinity()
    {
        using var product = new MatrixProduct<float>();
        var a = Filled(M, K, 1f);
        a.Data[0] = float.PositiveInfinity; // A(0, 0)
        var b = Filled(K, N, 1f);
        b.Data[5] = 0f;                     // B(0, 5)
        var c = Filled(M, N, 0f);
        product.Multiply(a, false, b, false, c);
        Assert.True(float.IsNaN(c.Data[5]));
        Assert.Equal(float.PositiveInfinity, c.Data[6]);
        Assert.Equal(K, c.Data[N + 5] + 1); // row 1: four ones and a zero
    }

    [Theory]
    [InlineData(1e30f, 1e-30f)]
    [InlineData(1e-18f, 1e-18f)]
    [InlineData(3e18f, 3e18f)]
    public void Multiply_ExtremeScales_MatchTheExactProductToRounding(float x, float y)
    {
        using var product = new MatrixProduct<float>();
        var c = Filled(M, N, 0f);
        product.Multiply(Filled(M, K, x), false, Filled(K, N, y), false, c);
        var expected = (double)x * y * K;
        Assert.All(c.Data, v => Assert.True(Math.Abs(v - expected) <= (K + 2) * Math.Pow(2, -23) * Math.Abs(expected), $"{v} vs {expected}"));
    }

    [Fact]
    public void Multiply_ProductBelowFloatRange_UnderflowsToZero()
    {
        using var product = new MatrixProduct<float>();
        var c = Filled(M, N, 1f);
        product.Multiply(Filled(M, K, 1e-30f), false, Filled(K, N, 1e-30f), false, c);
        Assert.All(c.Data, v => Assert.Equal(0f, v));
    }
}
