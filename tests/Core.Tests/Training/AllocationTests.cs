using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>A training step allocates nothing once warm: buffers belong to the run (a count of bytes, not a timing).</summary>
public class AllocationTests
{
    public static TheoryData<RunSpec> Specs => [TestSpecs.Mlp(80), TestSpecs.ResidualBatchNorm(80), TestSpecs.Lstm(80),
        TestSpecs.Mlp(80) with { Training = TestSpecs.Mlp(80).Training with { Precision = Precision.Float64 } }];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_SteadyState_AllocatesNothing(RunSpec spec)
    {
        // Evaluation steps and the last step are included: evaluation must not allocate either.
        spec = spec with { Training = spec.Training with { EvalEvery = 10 } };
        long before = 0, after = 0;
        Trainer.Create(spec, threads: 1).Run(r =>
        {
            if (r.Step == 20) before = GC.GetAllocatedBytesForCurrentThread();
            if (r.Step == 70) after = GC.GetAllocatedBytesForCurrentThread();
        });

        Assert.Equal(0, after - before);
    }
}
