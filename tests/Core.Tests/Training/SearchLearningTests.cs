using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>
/// The gradient-free presets at full scale (a 10-layer, 16-unit sigmoid net on two moons; about 1 s for SGD and 7 s for
/// the genetic algorithm on one core): where SGD stays at chance, 1,000 generations of 50 learn the task.
/// </summary>
public class SearchLearningTests
{
    [Fact]
    public void Presets_GeneticOnTheDeepSigmoidNet_BeatsSgdsFinalAccuracy()
    {
        var sgd = FinalAccuracy("search-sgd");
        var genetic = FinalAccuracy("search-genetic");

        Assert.True(sgd <= 0.6, $"SGD {sgd:P1}");
        Assert.True(genetic >= sgd + 0.3, $"genetic {genetic:P1} vs SGD {sgd:P1}");
    }

    private static double FinalAccuracy(string preset)
    {
        var spec = PresetCatalog.Find(preset)!.Spec; // the presets named here are in the catalog
        Assert.Equal(10, ((MlpSpec)spec.Model).Depth);
        var accuracy = double.NaN;
        var result = Trainer.Create(spec, threads: 1).Run(r => { if (!double.IsNaN(r.TestAccuracy)) accuracy = r.TestAccuracy; });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        return accuracy;
    }
}
