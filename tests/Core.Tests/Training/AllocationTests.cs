using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>A training step allocates nothing once warm: buffers belong to the run (a count of bytes, not a timing).</summary>
public class AllocationTests
{
    public static TheoryData<RunSpec> Specs => [TestSpecs.Mlp(80), TestSpecs.Classic(80), TestSpecs.HierarchicalSoftmax(80), TestSpecs.ResidualBatchNorm(80), TestSpecs.Lstm(80), TestSpecs.Transformer(80), TestSpecs.PreLnTransformer(80),
        TestSpecs.Mlp(80) with { Training = TestSpecs.Mlp(80).Training with { Precision = Precision.Float64 } }, TestSpecs.WideMlp(65)];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_SteadyState_AllocatesNothing(RunSpec spec)
    {
        // Evaluation steps and the last step are included: evaluation must not allocate either.
        spec = spec with { Training = spec.Training with { EvalEvery = 10 } };
        var readings = new List<long>(8);
        Trainer.Create(spec, threads: 1).Run(r =>
        {
            if (r.Step >= 20 && r.Step % 15 == 5) readings.Add(GC.GetAllocatedBytesForCurrentThread());
        });

        Assert.Equal(0, Allocations.Fewest(readings));
    }

    /// <summary>With two threads (batch shares for the mlp and the lstm, split products with batch norm or a wide mlp), on the workers too.</summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_SteadyState_TwoThreads_AllocatesNothing(RunSpec spec)
    {
        spec = spec with { Training = spec.Training with { EvalEvery = 10, BatchSize = 20 } };
        var readings = new List<long>(8);
        using var trainer = Trainer.Create(spec, threads: 2);
        long Workers() => trainer switch
        {
            Trainer<float> t => t.WorkerAllocatedBytes,
            Trainer<double> t => t.WorkerAllocatedBytes,
            _ => throw new InvalidOperationException(),
        };
        trainer.Run(r =>
        {
            if (r.Step >= 20 && r.Step % 15 == 5) readings.Add(GC.GetAllocatedBytesForCurrentThread() + Workers());
        });

        Assert.Equal(0, Allocations.Fewest(readings));
    }
}
