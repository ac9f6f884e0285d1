using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tests.Training;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Convolution;

/// <summary>The engine's promises for cnns: bitwise the same on one thread or two, bitwise resume, no allocation per step.</summary>
public class CnnTrainingTests
{
    public static TheoryData<RunSpec> Specs => [CnnSpecs.Plain(), CnnSpecs.Residual(), CnnSpecs.Residual(norm: Normalization.None), CnnSpecs.Explicit()];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Run_OneThreadOrTwo_GivesBitwiseSameTelemetry(RunSpec spec)
    {
        var one = StepLog.Train(Trainer.Create(spec, threads: 1));
        var two = StepLog.Train(Trainer.Create(spec, threads: 2));

        StepLog.AssertIdentical(one.Steps, two.Steps);
    }

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

        StepLog.AssertIdentical(whole.Steps.Skip(k).ToList(), StepLog.Train(resumed).Steps);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_SteadyState_TwoThreads_AllocatesNothing(RunSpec spec)
    {
        spec = spec with { Training = spec.Training with { Steps = 50, EvalEvery = 10 } };
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
            if (r.Step >= 15 && r.Step % 10 == 5) readings.Add(GC.GetAllocatedBytesForCurrentThread() + Workers());
        });

        Assert.Equal(0, Allocations.Fewest(readings));
    }
}
