using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>A generation allocates nothing once warm: the population, its noise and the lanes' nets belong to the run.</summary>
public class SearchAllocationTests
{
    public static TheoryData<RunSpec> Specs => [SearchSpecs.Genetic(80), SearchSpecs.EvolutionStrategy(80),
        SearchSpecs.Of(TestSpecs.Lstm(80), TrainingMethod.Genetic)];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_SteadyState_AllocatesNothing(RunSpec spec)
    {
        // Probe generations (every 4th) and evaluation steps are among those measured.
        spec = spec with { Training = spec.Training with { EvalEvery = 10 } };
        var readings = new List<long>(8);
        Trainer.Create(spec, threads: 1).Run(r =>
        {
            if (r.Step >= 20 && r.Step % 15 == 5) readings.Add(GC.GetAllocatedBytesForCurrentThread());
        });

        Assert.Equal(0, Allocations.Fewest(readings));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Step_SteadyState_TwoThreads_AllocatesNothing(RunSpec spec)
    {
        spec = spec with { Training = spec.Training with { EvalEvery = 10 } };
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
