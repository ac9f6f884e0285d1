using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>The thread budget changes who computes an element of C, never its bits.</summary>
public sealed class MatrixProductThreadsTests
{
    public static TheoryData<int, int, int, string, bool> Cases()
    {
        var data = new TheoryData<int, int, int, string, bool>();
        (int M, int K, int N)[] shapes = [(64, 64, 64), (65, 129, 33), (32, 128, 512), (257, 300, 130), (128, 700, 96)];
        foreach (var (m, k, n) in shapes)
            foreach (var op in new[] { "NN", "NT", "TN", "TT" })
                data.Add(m, k, n, op, op == "NT");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_OneVersusTwoAndThreeThreads_BitwiseEqualFloat(int m, int k, int n, string op, bool accumulate) =>
        AssertBitwiseEqualAcrossThreads<float>(m, k, n, op, accumulate);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_OneVersusTwoAndThreeThreads_BitwiseEqualDouble(int m, int k, int n, string op, bool accumulate) =>
        AssertBitwiseEqualAcrossThreads<double>(m, k, n, op, accumulate);

    [Fact]
    public void Multiply_FewRowsOverSeveralColumnBlocks_AOncePerSliceBitwiseEqualToPerBlock()
    {
        // One thread: 1100 columns are two column blocks (kc = 200, nc = 640) sharing one packed A slice; two and three
        // threads: tiles of one column block each, A packed per block.
        AssertBitwiseEqualAcrossThreads<float>(37, 600, 1100, "NN", accumulate: true);
    }

    [Fact]
    public void Multiply_LargeProductInManyTiles_BitwiseEqualToOneThread()
    {
        // Over 1 GFLOP: more tiles than threads (GemmPartition.TileFlops), claimed in whatever order.
        AssertBitwiseEqualAcrossThreads<float>(520, 1040, 1000, "NT", accumulate: false);
    }

    [Fact]
    public void Multiply_ManyCallsOnTwoThreads_EachMatchesOneThread()
    {
        // Back-to-back calls of changing shape exercise the hand-off between jobs.
        using var one = new MatrixProduct<float>(1);
        using var two = new MatrixProduct<float>(2);
        for (var call = 0; call < 200; call++)
        {
            var (m, k, n) = (40 + call % 7 * 13, 64 + call % 5 * 31, 48 + call % 3 * 40);
            var expected = Compute(one, m, k, n, "NT", accumulate: false, seed: call);
            var actual = Compute(two, m, k, n, "NT", accumulate: false, seed: call);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void MatrixProduct_UndisposedAfterParallelCalls_IsCollectedNotRootedByItsWorkers()
    {
        var product = UseAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(product.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference UseAndForget()
    {
        var product = new MatrixProduct<float>(2);
        Compute(product, 128, 128, 128, "NN", accumulate: false, seed: 1);
        return new WeakReference(product);
    }

    private static void AssertBitwiseEqualAcrossThreads<T>(int m, int k, int n, string op, bool accumulate) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var one = new MatrixProduct<T>(1);
        using var two = new MatrixProduct<T>(2);
        using var three = new MatrixProduct<T>(3);
        var expected = Compute(one, m, k, n, op, accumulate, seed: 7);
        Assert.Equal(expected, Compute(two, m, k, n, op, accumulate, seed: 7));
        Assert.Equal(expected, Compute(three, m, k, n, op, accumulate, seed: 7));
    }

    /// <summary>C's bits after the product, as integers so that Assert.Equal compares bits, not values.</summary>
    private static long[] Compute<T>(MatrixProduct<T> product, int m, int k, int n, string op, bool accumulate, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var g = new GemmCase<T>(m, k, n, op[0] == 'T', op[1] == 'T', seed);
        g.Run(product, accumulate);
        return g.C.Span.ToArray().Select(x => typeof(T) == typeof(float)
            ? BitConverter.SingleToInt32Bits(float.CreateTruncating(x))
            : BitConverter.DoubleToInt64Bits(double.CreateTruncating(x))).ToArray();
    }
}
