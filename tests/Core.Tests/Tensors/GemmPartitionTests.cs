using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>How C is cut into tiles: never more than its micro-panels, covering every element once.</summary>
public sealed class GemmPartitionTests
{
    [Theory]
    [InlineData(64, 64, 64, 1, 1)]          // one thread
    [InlineData(32, 32, 32, 2, 1)]          // below the parallel threshold
    [InlineData(256, 256, 256, 2, 2)]       // one tile per thread
    [InlineData(520, 1040, 1000, 2, 4)]     // over 2·TileFlops per thread: two tiles each
    [InlineData(1024, 1024, 1024, 2, 4)]    // capped at MaxTilesPerThread
    [InlineData(9, 4096, 4096, 2, 2)]       // 9 rows, 128 column panels: split by columns
    public void Choose_Shape_GivesTileCount(int m, int k, int n, int threads, int expected)
    {
        var partition = GemmPartition.Choose(m, n, k, mr: 8, nr: 32, threads, MatrixProduct<float>.ParallelMinFlops);
        Assert.Equal(expected, partition.Parts);
    }

    [Theory]
    [InlineData(1024, 1024, true)]  // a wide layer's ∂L/∂W: each tile packs all of op(A), not op(B) and op(A) twice
    [InlineData(256, 1024, true)]   // x·Wᵀ and δ·W of a batch of 256
    [InlineData(1024, 256, false)]  // taller than wide: each tile packs all of op(B), the smaller
    [InlineData(10, 12, false)]     // one column panel, two row panels: by rows, so that both threads have a tile
    public void Choose_Shape_RepeatsTheSmallerOperandsPacking(int m, int n, bool byColumns)
    {
        var partition = GemmPartition.Choose(m, n, 256, mr: 8, nr: 32, threads: 2, minFlops: 0);
        Assert.Equal(byColumns, partition.ByColumns);
    }

    [Theory]
    [InlineData(300, 7, 2)]
    [InlineData(1000, 520, 2)]
    [InlineData(33, 1, 3)]
    public void Rectangle_AllTiles_CoverEachElementOnce(int m, int n, int threads)
    {
        var partition = GemmPartition.Choose(m, n, 4096, mr: 8, nr: 32, threads, minFlops: 0);
        var hits = new int[m, n];
        for (var part = 0; part < partition.Parts; part++)
        {
            var (i0, i1, j0, j1) = partition.Rectangle(part, m, n);
            for (var i = i0; i < i1; i++) for (var j = j0; j < j1; j++) hits[i, j]++;
        }
        Assert.All(hits.Cast<int>(), h => Assert.Equal(1, h));
    }
}
