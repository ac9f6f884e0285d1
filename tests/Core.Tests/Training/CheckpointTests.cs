using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

public class CheckpointTests
{
    public static TheoryData<RunSpec> Specs => [TestSpecs.Mlp(), TestSpecs.Classic(), TestSpecs.HierarchicalSoftmax(), TestSpecs.ResidualBatchNorm(), TestSpecs.Lstm(), TestSpecs.Transformer(), TestSpecs.PreLnTransformer(),
        TestSpecs.Mlp() with { Optimizer = new OptimizerSpec { Kind = OptimizerKind.Rprop, LearningRate = 0.01 } }];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Resume_FromCheckpointAtStepK_GivesBitwiseSameLaterTelemetry(RunSpec spec)
    {
        var whole = StepLog.Train(Trainer.Create(spec));
        var k = spec.Training.Steps / 2;

        var first = Trainer.Create(spec);
        using var checkpoint = new MemoryStream();
        using (var stop = new CancellationTokenSource())
            first.Run(r => { if (r.Step == k) { first.SaveCheckpoint(checkpoint); stop.Cancel(); } }, stop.Token);
        var resumed = Trainer.Create(spec);
        checkpoint.Position = 0;
        resumed.LoadCheckpoint(checkpoint);
        var rest = StepLog.Train(resumed);

        Assert.Equal(k, first.StepsDone);
        StepLog.AssertIdentical(whole.Steps.Skip(k).ToList(), rest.Steps);
    }

    [Fact]
    public void LoadCheckpoint_ExportedWeightsOnly_IsRejected()
    {
        var trainer = Trainer.Create(TestSpecs.Mlp());
        using var weights = new MemoryStream();
        trainer.ExportWeights(weights);
        weights.Position = 0;

        var error = Assert.ThrowsAny<Exception>(() => Trainer.Create(TestSpecs.Mlp()).LoadCheckpoint(weights));
        Assert.Contains("checkpoint", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
