using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>The fused activation probe (Σx, Σx², dead columns) against plain loops, on widths with and without a vector tail.</summary>
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
        var alive = new float[cols];
        Reductions.ActivationMoments(new MatrixView<float>(data, 0, rows, cols), alive);
        Assert.Equal(2.0 / cols, Reductions.DeadShare<float>(alive, cols));
    }

    /// <summary>Dead columns over several masks, a vector of columns at a time and a tail, against a plain loop.</summary>
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 64)]
    [InlineData(3, 37)]
    [InlineData(4, 130)]
    public void DeadShare_over_several_masks_matches_a_plain_loop(int masks, int cols)
    {
        var rng = new Random(masks * 1000 + cols);
        var floats = new float[masks * cols];
        var doubles = new double[masks * cols];
        for (var i = 0; i < floats.Length; i++)
            if (rng.Next(3) == 0) (floats[i], doubles[i]) = (BitConverter.Int32BitsToSingle(-1), BitConverter.Int64BitsToDouble(-1));
        var dead = Enumerable.Range(0, cols).Count(j => Enumerable.Range(0, masks).All(m => BitConverter.SingleToInt32Bits(floats[m * cols + j]) == 0));

        Assert.Equal((double)dead / cols, Reductions.DeadShare<float>(floats, cols));
        Assert.Equal((double)dead / cols, Reductions.DeadShare<double>(doubles, cols));
        Assert.InRange(dead, 1, cols - 1); // the data has dead columns and alive ones
    }

    /// <summary>
    /// Moments taken block by block (as a recurrent time loop cut into shares takes them), each share with its own alive
    /// mask: the blocks' sums add up to the whole matrix's, and the masks together find the columns dead in every share.
    /// </summary>
    [Theory]
    [InlineData(6, 13)]
    [InlineData(16, 128)]
    public void Moments_in_blocks_with_a_mask_per_share_match_the_whole_matrix(int rows, int cols)
    {
        var rng = new Random(rows + cols);
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() - 0.5);
        var half = rows / 2;
        for (var i = 0; i < rows; i++)
        {
            data[i * cols] = 0;                                   // dead everywhere
            if (i < half) data[i * cols + cols - 1] = 0;          // dead in the first share only: alive
        }
        var masks = new float[2 * cols];
        var (s1, q1) = Reductions.ActivationMoments(new MatrixView<float>(data, 0, half, cols), masks.AsSpan(0, cols));
        var (s2, q2) = Reductions.ActivationMoments(new MatrixView<float>(data, half * cols, rows - half, cols), masks.AsSpan(cols));

        Assert.Equal(data.Sum(x => (double)x), s1 + s2, 1e-9);
        Assert.Equal(data.Sum(x => (double)x * x), q1 + q2, 1e-9);
        Assert.Equal(1.0 / cols, Reductions.DeadShare<float>(masks, cols));
        Assert.Equal(2.0 / cols, Reductions.DeadShare<float>(masks.AsSpan(0, cols), cols));
    }

    [Theory]
    [InlineData(3, 12, 4, 4)]
    [InlineData(5, 40, 10, 13)]
    [InlineData(3, 40, 2, 35)]
    public void SumOfColumns_adds_a_column_range_over_every_row(int rows, int cols, int first, int count)
    {
        var data = Enumerable.Range(0, rows * cols).Select(i => (float)Math.Sin(i)).ToArray();
        var expected = 0.0;
        for (var i = 0; i < rows; i++)
            for (var j = first; j < first + count; j++) expected += data[i * cols + j];
        Assert.Equal(expected, Reductions.SumOfColumns(new MatrixView<float>(data, 0, rows, cols), first, count), 1e-9);
        var wide = data.Select(x => (double)x).ToArray();
        Assert.Equal(expected, Reductions.SumOfColumns(new MatrixView<double>(wide, 0, rows, cols), first, count), 1e-9);
    }

    /// <summary>Σx² in float64 against a plain loop: lengths through the two-vector loop, one vector, the scalar tail.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(41)]
    [InlineData(4096)]
    public void SumOfSquares_matches_a_plain_loop(int length)
    {
        var x = Enumerable.Range(0, length).Select(i => (float)Math.Cos(i * 0.7) * 3).ToArray();
        var expected = x.Sum(v => (double)v * v);
        Assert.Equal(expected, Reductions.SumOfSquares<float>(x), expected * 1e-13);
        var wide = x.Select(v => (double)v).ToArray();
        Assert.Equal(expected, Reductions.SumOfSquares<double>(wide), expected * 1e-13);
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

        var alive = new T[cols];
        var (s, q) = Reductions.ActivationMoments(new MatrixView<T>(data, 0, rows, cols), alive);
        Assert.Equal(sum, s, Math.Abs(sum) * relative + 1e-12);
        Assert.Equal(squares, q, squares * relative);
        Assert.Equal(expectedDead, Reductions.DeadShare<T>(alive, cols));
    }
}
