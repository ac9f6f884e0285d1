using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>
/// The probe sums on 512-bit lanes against the Vector256 loops they replace where the hardware has them: bitwise the
/// same sums and dead columns, on lengths through every loop and tail, with zeros, −0, NaN and ±∞ among the values.
/// </summary>
public sealed class WideReductionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(56)]
    [InlineData(4099)]
    public void SumOfSquares_and_Moments_on_512_bit_lanes_equal_the_256_bit_loops_bitwise(int length)
    {
        var x = WideMagnitudes.Values(length, seed: length);

        Assert.Equal(Reductions.SumOfSquares256(x), Reductions.SumOfSquares512(x));
        Assert.Equal(Reductions.Moments256(x), Reductions.Moments512(x));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 13)]
    [InlineData(4, 24)]
    [InlineData(32, 64)]
    [InlineData(7, 130)]
    [InlineData(3, 1024)]
    public void ActivationMoments_on_512_bit_lanes_equal_the_256_bit_loops_bitwise(int rows, int cols)
    {
        var x = WideMagnitudes.Values(rows * cols, seed: rows * 1000 + cols);
        for (var i = 0; i < rows; i++) x[i * cols + cols / 2] = 0; // one column dead
        var (narrowAlive, wideAlive) = (new uint[cols], new uint[cols]);

        var narrow = Reductions.ActivationMoments256(x, cols, narrowAlive);
        var wide = Reductions.ActivationMoments512(x, cols, wideAlive);

        Assert.Equal(narrow, wide);
        Assert.Equal(narrowAlive.Select(a => a != 0), wideAlive.Select(a => a != 0));
    }

    [Fact]
    public void Non_finite_values_give_the_same_sums_on_both_lane_widths()
    {
        var x = WideMagnitudes.Values(40, seed: 7);
        (x[3], x[17], x[33]) = (float.NaN, float.PositiveInfinity, float.NegativeInfinity);

        Assert.Equal(Reductions.SumOfSquares256(x), Reductions.SumOfSquares512(x));
        Assert.Equal(Reductions.Moments256(x), Reductions.Moments512(x));
    }
}
