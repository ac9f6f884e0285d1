using System.Numerics.Tensors;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>
/// x += y with Σ x² in the same pass against the two plain passes (TensorPrimitives.Add, then Reductions.SumOfSquares):
/// the same x bitwise and the same sum bitwise, on lengths through every loop and tail, with zeros, −0, NaN and ±∞.
/// </summary>
public sealed class AddTakingSquaresTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(56)]
    [InlineData(1024)]
    [InlineData(1031)]
    public void The_fused_add_equals_add_then_sum_of_squares_bitwise(int length)
    {
        var (x, y) = (Values(length, seed: length), Values(length, seed: length + 1));
        if (length > 20) (x[3], y[9], x[length - 1]) = (float.NaN, float.PositiveInfinity, float.NegativeInfinity);
        var expected = x.ToArray();
        TensorPrimitives.Add(expected, y, expected);

        var sum = Reductions.AddTakingSquares<float>(x, y);

        Assert.Equal(expected, x);
        Assert.Equal(Reductions.SumOfSquares<float>(expected), sum);
    }

    [Fact]
    public void Float64_takes_the_two_passes()
    {
        var (x, y) = (Values(37, seed: 1).Select(v => (double)v).ToArray(), Values(37, seed: 2).Select(v => (double)v * 1.1).ToArray());
        var expected = x.Zip(y, (a, b) => a + b).ToArray();

        var sum = Reductions.AddTakingSquares<double>(x, y);

        Assert.Equal(expected, x);
        Assert.Equal(Reductions.SumOfSquares<double>(expected), sum);
    }

    /// <summary>Values over many magnitudes (so the order of the adds shows in the low bits), with zeros and −0.</summary>
    internal static float[] Values(int length, int seed)
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
