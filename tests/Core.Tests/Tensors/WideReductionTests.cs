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
        var x = Values(length, seed: length);

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
        var x = Values(rows * cols, seed: rows * 1000 + cols);
        for (var i = 0; i < rows; i++) x[i * cols + cols / 2] = 0; // one column dead
        var (narrowAlive, wideAlive) = (new uint[cols], new uint[cols]);

        var narrow = Reductions.ActivationMoments256(x, cols, narrowAlive);
        var wide = Reductions.ActivationMoments512(x, cols, wideAlive);

        Assert.Equal(narrow, wide);
        Assert.Equal(narrowAlive.Select(a => a != 0), wideAlive.Select(a => a != 0));
    }

    /// <summary>The φ pass's granule sums (fused square-and-add, alive bits from the magnitudes): bitwise the 256-bit loop's, −0 dead, NaN and ±∞ alive.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 13)]
    [InlineData(8, 24)]
    [InlineData(8, 64)]
    [InlineData(7, 130)]
    [InlineData(3, 1024)]
    public void GranuleMoments_equal_the_256_bit_loop_bitwise(int rows, int cols)
    {
        var x = Values(rows * cols, seed: rows * 100 + cols);
        for (var i = 0; i < rows; i++)
        {
            x[i * cols + cols / 2] = 0;       // dead
            x[i * cols + cols - 1] = -0f;     // dead (−0), in the tail when there is one
        }
        if (cols > 3) (x[1], x[^2]) = (float.NaN, float.PositiveInfinity);
        var (narrowAlive, granuleAlive, genericAlive) = (new uint[cols], new uint[cols], new float[cols]);

        var narrow = Reductions.ActivationMoments256(x, cols, narrowAlive);
        var granule = Reductions.GranuleMoments512(x, cols, granuleAlive);
        var generic = Reductions.GranuleMoments(new MatrixView<float>(x, 0, rows, cols), genericAlive);

        Assert.Equal(narrow, granule);
        Assert.Equal(narrow, generic);
        Assert.Equal(narrowAlive.Select(a => a != 0), granuleAlive.Select(a => a != 0));
        Assert.Equal((double)narrowAlive.Count(a => a == 0) / cols, Reductions.DeadShare<float>(genericAlive, cols));
    }

    [Fact]
    public void Non_finite_values_give_the_same_sums_on_both_lane_widths()
    {
        var x = Values(40, seed: 7);
        (x[3], x[17], x[33]) = (float.NaN, float.PositiveInfinity, float.NegativeInfinity);

        Assert.Equal(Reductions.SumOfSquares256(x), Reductions.SumOfSquares512(x));
        Assert.Equal(Reductions.Moments256(x), Reductions.Moments512(x));
    }

    /// <summary>Values over many magnitudes (so the order of the adds shows in the low bits), with zeros and −0.</summary>
    private static float[] Values(int length, int seed)
    {
        var rng = new Random(seed);
        var x = new float[length];
        for (var i = 0; i < length; i++)
            x[i] = rng.Next(6) switch
            {
                0 => 0f,
                1 => -0f,
                _ => (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 7))),
            };
        return x;
    }
}
