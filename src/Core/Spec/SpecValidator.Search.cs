using GradientService.Contracts.Spec;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    /// <summary>The search's ranges, and what a gradient-free method cannot use: clipping and a learning-rate schedule.</summary>
    private static void CheckSearch(SearchSpec search, TrainingSpec training, OptimizerSpec? optimizer, ClippingSpec? clipping, SpecErrorList errors)
    {
        errors.Defined("training.method", training.Method);
        var population = errors.Between("search.populationSize", search.PopulationSize, 2, Limits.MaxPopulation);
        var elites = errors.Between("search.elites", search.Elites, 0, Limits.MaxPopulation);
        var tournament = errors.Between("search.tournamentSize", search.TournamentSize, 1, Limits.MaxPopulation);
        errors.Between("search.crossoverRate", search.CrossoverRate, 0, 1);
        errors.Between("search.mutationRate", search.MutationRate, 0, 1);
        errors.Between("search.mutationScale", search.MutationScale, 0, Limits.MaxSearchScale);
        errors.AboveAtMost("search.noiseStd", search.NoiseStd, 0, Limits.MaxSearchScale);
        errors.Between("search.stepSize", search.StepSize, 0, Limits.MaxLearningRate);
        errors.Between("search.probeEvery", search.ProbeEvery, 0, Limits.MaxSteps);
        if (training.Method == TrainingMethod.Backprop) return;

        var method = SpecErrorList.Name(training.Method);
        if (training.Method == TrainingMethod.Genetic && population)
        {
            if (elites && search.Elites >= search.PopulationSize)
                errors.Add("search.elites", SpecErrorList.Invariant($"must be less than search.populationSize ({search.PopulationSize}) so that a generation breeds at least one child; got {search.Elites}"));
            if (tournament && search.TournamentSize > search.PopulationSize)
                errors.Add("search.tournamentSize", SpecErrorList.Invariant($"must not exceed search.populationSize ({search.PopulationSize}); got {search.TournamentSize}"));
        }
        if (training.Method == TrainingMethod.EvolutionStrategy && population && search.Antithetic && search.PopulationSize % 2 != 0)
            errors.Add("search.populationSize", SpecErrorList.Invariant($"must be even with search.antithetic (members come in pairs θ ± σε); got {search.PopulationSize}"));
        if (training.Output != OutputLayer.Softmax)
            errors.Add("training.output", $"must be softmax with training.method {method}: a hierarchical-softmax read-out is trained as part of the loss, which the population's forward passes do not carry; got {SpecErrorList.Name(training.Output)}");
        if (clipping is not null && clipping.Mode != ClippingMode.None)
            errors.Add("clipping.mode", $"must be none with training.method {method}: gradient-free search has no gradient to clip; got {SpecErrorList.Name(clipping.Mode)}");
        if (optimizer is not null && optimizer.Schedule != ScheduleKind.None)
            errors.Add("optimizer.schedule", $"must be none with training.method {method}: the optimizer does not apply to gradient-free search; got {SpecErrorList.Name(optimizer.Schedule)}");
        if (optimizer is not null && optimizer.WarmupSteps != 0)
            errors.Add("optimizer.warmupSteps", SpecErrorList.Invariant($"must be 0 with training.method {method}: the optimizer does not apply to gradient-free search; got {optimizer.WarmupSteps}"));
    }

    /// <summary>The population's weights (population × parameters) within <see cref="Limits.MaxPopulationWeights"/>.</summary>
    private static void CheckPopulationSize(SearchSpec search, TrainingSpec training, long parameters, SpecErrorList errors)
    {
        if (training.Method == TrainingMethod.Backprop || errors.Any("search.populationSize")) return;
        var weights = search.PopulationSize * parameters;
        if (weights > Limits.MaxPopulationWeights)
            errors.Add("search.populationSize", SpecErrorList.Invariant(
                $"holds {weights} weights ({search.PopulationSize} members × {parameters} parameters); at most {Limits.MaxPopulationWeights} are allowed (reduce search.populationSize or the model)"));
    }
}
