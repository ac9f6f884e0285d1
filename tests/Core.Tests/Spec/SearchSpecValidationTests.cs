using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class SearchSpecValidationTests
{
    [Fact]
    public void Validate_EverySearchFieldOutOfRange_NamesEachField()
    {
        var spec = new RunSpec
        {
            Search = new SearchSpec
            {
                PopulationSize = 1, Elites = -1, TournamentSize = 0, CrossoverRate = 1.5, MutationRate = double.NaN, MutationScale = -1,
                NoiseStd = 0, StepSize = double.PositiveInfinity, ProbeEvery = -1,
            },
        };

        var errors = SpecValidator.Validate(spec);

        Assert.Equal(
            [
                "search.populationSize", "search.elites", "search.tournamentSize", "search.crossoverRate", "search.mutationRate",
                "search.mutationScale", "search.noiseStd", "search.stepSize", "search.probeEvery",
            ],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_GeneticWithElitesFillingThePopulationAndClipping_NamesBoth()
    {
        var spec = new RunSpec
        {
            Training = new TrainingSpec { Method = TrainingMethod.Genetic },
            Search = new SearchSpec { PopulationSize = 10, Elites = 10, TournamentSize = 11 },
            Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm },
        };

        var errors = SpecValidator.Validate(spec);

        Assert.Equal(["search.elites", "search.tournamentSize", "clipping.mode"], errors.Select(e => e.Field));
        Assert.Contains("gradient-free search has no gradient to clip", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SearchWithHierarchicalSoftmax_NamesTheOutput()
    {
        var spec = new RunSpec
        {
            Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Classes = 8 },
            Training = new TrainingSpec { Method = TrainingMethod.EvolutionStrategy, Output = OutputLayer.HierarchicalSoftmax },
        };

        var error = Assert.Single(SpecValidator.Validate(spec));

        Assert.Equal("training.output", error.Field);
        Assert.Contains("must be softmax with training.method evolution-strategy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SearchWithPretraining_NamesThePretraining()
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Activation = ActivationKind.Sigmoid },
            Training = new TrainingSpec { Method = TrainingMethod.Genetic },
            Pretraining = new PretrainingSpec { Kind = PretrainingKind.Autoencoder },
        };

        var error = Assert.Single(SpecValidator.Validate(spec));

        Assert.Equal("pretraining.kind", error.Field);
        Assert.Contains("must be none with training.method genetic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AntitheticEsWithOddPopulationAndASchedule_NamesBoth()
    {
        var spec = new RunSpec
        {
            Training = new TrainingSpec { Method = TrainingMethod.EvolutionStrategy },
            Search = new SearchSpec { PopulationSize = 7 },
            Optimizer = new OptimizerSpec { Schedule = ScheduleKind.Cosine },
        };

        var errors = SpecValidator.Validate(spec);

        Assert.Equal(
            [
                new SpecError("search.populationSize", "must be even with search.antithetic (members come in pairs θ ± σε); got 7"),
                new SpecError("optimizer.schedule", "must be none with training.method evolution-strategy: the optimizer does not apply to gradient-free search; got cosine"),
            ],
            errors);
    }

    [Fact]
    public void Validate_BackpropWithClipping_IgnoresTheSearchRules()
    {
        var spec = new RunSpec { Search = new SearchSpec { PopulationSize = 7, Elites = 7 }, Clipping = new ClippingSpec { Mode = ClippingMode.Value } };

        Assert.Empty(SpecValidator.Validate(spec));
    }

    [Fact]
    public void Validate_PopulationBeyondTheWeightBudget_NamesThePopulationSize()
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = 4, Width = 1024 },
            Training = new TrainingSpec { Method = TrainingMethod.Genetic },
            Search = new SearchSpec { PopulationSize = 100 },
        };

        var error = Assert.Single(SpecValidator.Validate(spec));

        Assert.Equal("search.populationSize", error.Field);
        Assert.StartsWith("holds ", error.Message, StringComparison.Ordinal);
    }
}
