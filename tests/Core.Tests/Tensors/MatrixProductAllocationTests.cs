using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Tensors;

/// <summary>After a warm-up, a product allocates nothing: packing buffers and worker threads are the instance's.</summary>
[Collection(nameof(AllocationCounting))]
public sealed class MatrixProductAllocationTests
{
    private const int Calls = 20;

    [Fact]
    public void Multiply_OneThreadSteadyState_AllocatesZeroBytes()
    {
        using var product = new MatrixProduct<float>(1);
        var cases = Cases<float>();
        RunAll(product, cases);
        Assert.Equal(0, Allocations.Fewest(GC.GetAllocatedBytesForCurrentThread, () =>
        {
            for (var i = 0; i < Calls; i++) RunAll(product, cases);
        }));
    }

    [Fact]
    public void Multiply_TwoThreadsSteadyState_AllocatesZeroBytesOnCallerAndWorker()
    {
        // Counted per thread (the caller's counter, the worker's as it reports it after each part): the
        // process-wide GC.GetTotalAllocatedBytes also counts the test runner's threads, which allocate a
        // few hundred bytes now and then while a test runs.
        using var product = new MatrixProduct<double>(2);
        var cases = Cases<double>();
        for (var i = 0; i < 3; i++) RunAll(product, cases);
        var partsBefore = product.WorkerParts;
        var allocated = Allocations.Fewest(() => GC.GetAllocatedBytesForCurrentThread() + product.WorkerAllocatedBytes, () =>
        {
            // On a busy host the worker may wake late and find every part taken: go on until it has run some (or give up).
            var parts = product.WorkerParts;
            for (var i = 0; i < Calls || (product.WorkerParts < parts + Calls && i < 100 * Calls); i++) RunAll(product, cases);
        });
        Assert.True(product.WorkerParts > partsBefore, "the worker ran no part, so its count says nothing");
        Assert.Equal(0, allocated);
    }

    private static GemmCase<T>[] Cases<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
    [
        // Each above the two-thread threshold, so the worker takes part.
        new(32, 64, 64, transA: false, transB: true, seed: 1),
        new(128, 256, 96, transA: true, transB: false, seed: 2),
        new(65, 300, 129, transA: false, transB: false, seed: 3),
        new(96, 80, 200, transA: true, transB: true, seed: 4),
    ];

    private static void RunAll<T>(MatrixProduct<T> product, GemmCase<T>[] cases) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        foreach (var g in cases) g.Run(product, accumulate: true);
    }
}
