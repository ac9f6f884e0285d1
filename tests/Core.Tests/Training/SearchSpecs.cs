using GradientService.Contracts.Spec;

namespace GradientService.Core.Tests.Training;

/// <summary>Small gradient-free runs (a population of 8, a gradient probe every 4 generations) for behaviour tests.</summary>
internal static class SearchSpecs
{
    public static RunSpec Genetic(int steps = 20) => Of(TestSpecs.Mlp(steps), TrainingMethod.Genetic);

    public static RunSpec EvolutionStrategy(int steps = 20) => Of(TestSpecs.Mlp(steps), TrainingMethod.EvolutionStrategy);

    /// <summary>The search's settings on a spec whose clipping does not apply to it.</summary>
    public static RunSpec Of(RunSpec spec, TrainingMethod method) => spec with
    {
        Clipping = new ClippingSpec(),
        Training = spec.Training with { Method = method },
        Search = new SearchSpec { PopulationSize = 8, Elites = 1, TournamentSize = 2, MutationRate = 0.5, ProbeEvery = 4 },
    };

    /// <summary>Both methods over the test architectures, and the other settings that change a generation's arithmetic.</summary>
    public static TheoryData<RunSpec> All =>
    [
        Genetic(), EvolutionStrategy(),
        Of(TestSpecs.ResidualBatchNorm(20), TrainingMethod.Genetic), Of(TestSpecs.Lstm(), TrainingMethod.EvolutionStrategy),
        Genetic() with { Training = Genetic().Training with { Precision = Precision.Float64 } },
        EvolutionStrategy() with { Search = EvolutionStrategy().Search with { Antithetic = false, PopulationSize = 7 } },
    ];
}
