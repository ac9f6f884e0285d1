using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>Gradient-free runs keep the run's promises: the same on any thread count, and resumable bitwise.</summary>
public class SearchDeterminismTests
{
    public static TheoryData<RunSpec> Specs => SearchSpecs.All;

    [Theory]
    [MemberData(nameof(Specs))]
    public void Run_OneThreadOrTwo_GivesBitwiseSameTelemetry(RunSpec spec)
    {
        var one = StepLog.Train(Trainer.Create(spec, threads: 1));
        using var trainer = Trainer.Create(spec, threads: 2);
        var two = StepLog.Train(trainer);

        StepLog.AssertIdentical(one.Steps, two.Steps);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Resume_FromCheckpointAtStepK_GivesBitwiseSameLaterTelemetry(RunSpec spec)
    {
        var whole = StepLog.Train(Trainer.Create(spec));
        var k = spec.Training.Steps / 2 + 1;

        var first = Trainer.Create(spec);
        using var checkpoint = new MemoryStream();
        using (var stop = new CancellationTokenSource())
            first.Run(r => { if (r.Step == k) { first.SaveCheckpoint(checkpoint); stop.Cancel(); } }, stop.Token);
        var resumed = Trainer.Create(spec);
        checkpoint.Position = 0;
        resumed.LoadCheckpoint(checkpoint);
        var rest = StepLog.Train(resumed);

        StepLog.AssertIdentical(whole.Steps.Skip(k).ToList(), rest.Steps);
    }

    [Fact]
    public void Run_DifferentSeed_GivesDifferentPopulation()
    {
        var spec = SearchSpecs.Genetic(steps: 2);
        var a = StepLog.Train(Trainer.Create(spec));
        var b = StepLog.Train(Trainer.Create(spec with { Training = spec.Training with { Seed = spec.Training.Seed + 1 } }));

        Assert.NotEqual(a.Steps[1][1], b.Steps[1][1]);
    }
}
