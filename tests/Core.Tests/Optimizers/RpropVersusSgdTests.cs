using GradientService.Contracts.Presets;
using GradientService.Core.Reproductions;

namespace GradientService.Core.Tests.Optimizers;

/// <summary>
/// The "rprop-vs-sgd" presets (Riedmiller &amp; Braun 1993) shortened to CI scale, over seeds 1–5: the same 10-layer
/// sigmoid net, init, data and steps, trained by SGD and by Rprop. Rprop's sign-based step moves layer 1 although its
/// gradient has vanished.
/// </summary>
public class RpropVersusSgdTests
{
    private const int Steps = 400;

    private static readonly Lazy<Measured> Sgd = new(() => Measure("deep-sigmoid-sgd"));
    private static readonly Lazy<Measured> Rprop = new(() => Measure("deep-sigmoid-rprop"));

    /// <summary>Over seeds 1–5 (mean, sd): layer 1's mean ‖ΔW_1‖/‖W_1‖ and ‖∂L/∂W_1‖ over the steps, the mean loss of the last 50 steps.</summary>
    private sealed record Measured((double Mean, double Sd) UpdateRatio, (double Mean, double Sd) GradNorm, (double Mean, double Sd) FinalLoss);

    private static Measured Measure(string preset)
    {
        var spec = PresetCatalog.Find(preset)!.Spec; // PresetCatalogTests checks every preset exists and validates
        var figures = ReproductionMeasures.OverSeeds(spec with { Training = spec.Training with { Steps = Steps } }, SpreadMeasures.LayerOneMotion);
        return new Measured(figures[0], figures[1], figures[2]);
    }

    [Fact]
    public void Rprop_VanishingGradientAtLayerOne_UpdateRatioOrdersOfMagnitudeAboveSgd()
    {
        Assert.True(Sgd.Value.GradNorm.Mean < 1e-6, $"SGD's layer-1 gradient {Sgd.Value.GradNorm.Mean:G3} has not vanished");
        Assert.True(Rprop.Value.UpdateRatio.Mean - 3 * Rprop.Value.UpdateRatio.Sd > 1e3 * (Sgd.Value.UpdateRatio.Mean + 3 * Sgd.Value.UpdateRatio.Sd),
            $"layer-1 ‖ΔW‖/‖W‖: Rprop {Rprop.Value.UpdateRatio}, SGD {Sgd.Value.UpdateRatio}");
    }

    [Fact]
    public void Rprop_SameSteps_LossFallsBelowSgds()
    {
        Assert.True(Rprop.Value.FinalLoss.Mean < Sgd.Value.FinalLoss.Mean - 0.05,
            $"mean loss of the last 50 steps: Rprop {Rprop.Value.FinalLoss}, SGD {Sgd.Value.FinalLoss}");
    }
}
