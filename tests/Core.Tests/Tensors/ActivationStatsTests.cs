using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>The fused activation probe (Σx, Σx², dead columns) against a plain loop, on widths with and without a vector tail.</summary>
public sealed class ActivationStatsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 13)]
    [InlineData(32, 64)]
    [InlineData(7, 130)]
    public void Float_matches_a_plain_loop(int rows, int cols) => AssertMatches<float>(rows, cols, 1e-12);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 13)]
    [InlineData(7, 130)]
    public void Double_matches_a_plain_loop(int rows, int cols) => AssertMatches<double>(rows, cols, 1e-12);

    [Fact]
    public void Zero_and_negative_zero_columns_are_dead_and_a_NaN_column_is_alive()
    {
        // Columns: 0 dead (zeros), 1 dead (−0), 2 alive (NaN), 3 alive in one row only; 9 columns so one lands in the tail.
        var rows = 3;
        var cols = 9;
        var data = new float[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            data[i * cols + 1] = -0f;
            data[i * cols + 2] = float.NaN;
            for (var j = 4; j < cols; j++) data[i * cols + j] = 0.5f;
        }
        data[1 * cols + 3] = 1e-30f;
        data[2 * cols + 8] = 0f; // the tail column stays alive through its other rows
        var (_, _, dead) = Reductions.ActivationStats(new MatrixView<float>(data, 0, rows, cols), new float[cols]);
        Assert.Equal(2.0 / cols, dead);
    }

    private static void AssertMatches<T>(int rows, int cols, double relative) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(rows * 100 + cols);
        var data = new T[rows * cols];
        for (var i = 0; i < data.Length; i++) data[i] = T.CreateTruncating(rng.NextDouble() * 4 - 1);
        // Every third column dead (relu's zeros).
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j += 3) data[i * cols + j] = T.Zero;
        double sum = 0, squares = 0;
        foreach (var x in data)
        {
            var d = double.CreateTruncating(x);
            sum += d;
            squares += d * d;
        }
        var expectedDead = (double)((cols + 2) / 3) / cols;

        var alive = new T[cols + 3];
        Array.Fill(alive, T.One); // stale scratch must not leak into the answer
        var (s, q, dead) = Reductions.ActivationStats(new MatrixView<T>(data, 0, rows, cols), alive);
        Assert.Equal(sum, s, Math.Abs(sum) * relative + 1e-12);
        Assert.Equal(squares, q, squares * relative);
        Assert.Equal(expectedDead, dead);
    }
}
