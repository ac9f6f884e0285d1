using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>The probes' norms of a few tensors on every thread at once: bitwise the sums taken one after another.</summary>
public sealed class SquareSumsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Norms_OnEveryThreadAtOnce_EqualEachTensorsSumBitwise(int threads)
    {
        using var mm = new MatrixProduct<float>(threads);
        var rng = new Random(7);
        float[][] tensors = [.. new[] { 4099, 64 * 1024, 31, 800 }.Select(n => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray())];
        var sums = new SquareSums<float>(mm);

        var indices = tensors.Select(t => sums.Add(new MatrixView<float>(t, 0, 1, t.Length))).ToArray();
        sums.Run();

        Assert.Equal([0, 1, 2, 3], indices);
        for (var i = 0; i < tensors.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Sqrt(Reductions.SumOfSquares<float>(tensors[i]))), BitConverter.DoubleToInt64Bits(sums.Norm(i)));
    }

    [Fact]
    public void Run_AfterARun_StartsAnEmptyQueue()
    {
        using var mm = new MatrixProduct<float>(2);
        var sums = new SquareSums<float>(mm);
        sums.Add(new MatrixView<float>([3f, 4f], 0, 1, 2));
        sums.Run();

        var index = sums.Add(new MatrixView<float>([6f, 8f], 0, 1, 2));
        sums.Run();

        Assert.Equal(0, index);
        Assert.Equal(10.0, sums.Norm(0));
    }
}
