using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

public class DeterminismTests
{
    /// <summary>
    /// With two threads, nets without normalisation and recurrent nets cut the batch into shares (16 → 8 + 8, 20 → 16 + 4),
    /// the others split each product (the wide nets' point-wise work too): all must give the one-thread values.
    /// </summary>
    public static TheoryData<RunSpec> Specs => [TestSpecs.Mlp(), TestSpecs.Classic(), TestSpecs.HierarchicalSoftmax(), TestSpecs.ResidualBatchNorm(), TestSpecs.Lstm(), TestSpecs.Transformer(), TestSpecs.PreLnTransformer(), TestSpecs.Mlp() with
    {
        Training = TestSpecs.Mlp().Training with { Precision = Precision.Float64 },
    }, TestSpecs.ResidualBatchNorm() with
    {
        Model = (ResidualMlpSpec)TestSpecs.ResidualBatchNorm().Model with { Normalization = Normalization.None },
    }, TestSpecs.WideMlp(), TestSpecs.WideMlp() with
    {
        Model = new ResidualMlpSpec { Depth = 3, Width = 1024, BlockSize = 2, Activation = ActivationKind.Tanh },
    }, TestSpecs.Lstm() with
    {
        Training = TestSpecs.Lstm().Training with { BatchSize = 20 },
    }, TestSpecs.Lstm() with
    {
        Model = new GruSpec { Depth = 2, Width = 8, BpttLength = 4 },
        Training = TestSpecs.Lstm().Training with { BatchSize = 20 },
    }];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Run_SameSpecAndSeed_GivesBitwiseSameTelemetry(RunSpec spec)
    {
        var first = StepLog.Train(Trainer.Create(spec, threads: 1));
        var second = StepLog.Train(Trainer.Create(spec, threads: 1));

        StepLog.AssertIdentical(first.Steps, second.Steps);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Run_OneThreadOrTwo_GivesBitwiseSameTelemetry(RunSpec spec)
    {
        var one = StepLog.Train(Trainer.Create(spec, threads: 1));
        var two = StepLog.Train(Trainer.Create(spec, threads: 2));

        StepLog.AssertIdentical(one.Steps, two.Steps);
    }

    [Fact]
    public void Run_DifferentSeed_GivesDifferentTelemetry()
    {
        var spec = TestSpecs.Mlp();
        var a = StepLog.Train(Trainer.Create(spec));
        var b = StepLog.Train(Trainer.Create(spec with { Training = spec.Training with { Seed = spec.Training.Seed + 1 } }));

        Assert.NotEqual(a.Steps[0][1], b.Steps[0][1]);
    }
}
