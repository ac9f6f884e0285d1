using GradientService.Contracts.Presets;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;

namespace GradientService.Core.Tests.Diagnosis;

/// <summary>A gradient-free run's gradients are probes: its vanishing finding says so and does not claim learning stopped.</summary>
public class SearchDiagnosisTests
{
    [Fact]
    public void Diagnose_GeneticRunVanishingOnProbes_SaysMeasuredByProbes()
    {
        var spec = PresetCatalog.Find("search-genetic")!.Spec; // the preset is in the catalog
        var episode = new RunEpisode(EpisodeKinds.Vanishing, 9, 1, 1000, 100, 6.5, 1, false, "");

        var finding = Diagnoser.Diagnose(new DiagnosisInput(spec, 1000, true, [episode], null, null, null, null)).Findings[0];

        Assert.Equal("Vanishing gradient from layer 9 down (measured by probes)", finding.Title);
        Assert.StartsWith("Measured by probes of the current net every 10 generations (the search itself uses no gradients)", finding.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("stopped learning", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_SgdRunVanishing_KeepsTheTrainingWording()
    {
        var spec = PresetCatalog.Find("search-sgd")!.Spec; // the preset is in the catalog
        var episode = new RunEpisode(EpisodeKinds.Vanishing, 9, 1, 1000, 1000, 6.5, 1, false, "");

        var finding = Diagnoser.Diagnose(new DiagnosisInput(spec, 1000, true, [episode], null, null, null, null)).Findings[0];

        Assert.Equal("Vanishing gradient from layer 9 down", finding.Title);
        Assert.Contains("effectively stopped learning", finding.Detail, StringComparison.Ordinal);
    }
}
