using GradientService.Contracts.Metrics;
using GradientService.Contracts.Presets;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Optimizers;

/// <summary>
/// The "rprop-vs-sgd" presets (Riedmiller &amp; Braun 1993) shortened to CI scale: the same 10-layer sigmoid net, init, data
/// and steps, trained by SGD and by Rprop. Rprop's sign-based step moves layer 1 although its gradient has vanished.
/// </summary>
public class RpropVersusSgdTests
{
    private const int Steps = 400;

    private static readonly Lazy<Measured> Sgd = new(() => Measure("deep-sigmoid-sgd"));
    private static readonly Lazy<Measured> Rprop = new(() => Measure("deep-sigmoid-rprop"));

    /// <summary>Layer 1's mean ‖ΔW_1‖/‖W_1‖ and mean ‖∂L/∂W_1‖ over the steps, and the mean loss of the last 50 steps.</summary>
    private sealed record Measured(double UpdateRatio, double GradNorm, double FinalLoss);

    private static Measured Measure(string preset)
    {
        var spec = PresetCatalog.Find(preset)!.Spec; // PresetCatalogTests checks every preset exists and validates
        spec = spec with { Training = spec.Training with { Steps = Steps } };
        var (ratios, grads, losses) = (new List<double>(), new List<double>(), new List<double>());
        var result = Trainer.Create(spec).Run(r =>
        {
            Assert.True(r.Layers[0].Has(LayerMetric.UpdateRatio), $"step {r.Step}: layer 1's update ratio not probed");
            ratios.Add(r.Layers[0].UpdateRatio);
            grads.Add(r.Layers[0].WeightGradNorm);
            losses.Add(r.Loss);
        });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        return new Measured(ratios.Average(), grads.Average(), losses.TakeLast(50).Average());
    }

    [Fact]
    public void Rprop_VanishingGradientAtLayerOne_UpdateRatioOrdersOfMagnitudeAboveSgd()
    {
        Assert.True(Sgd.Value.GradNorm < 1e-6, $"SGD's layer-1 gradient {Sgd.Value.GradNorm:G3} has not vanished");
        Assert.True(Rprop.Value.UpdateRatio > 1e3 * Sgd.Value.UpdateRatio,
            $"layer-1 ‖ΔW‖/‖W‖: Rprop {Rprop.Value.UpdateRatio:G3}, SGD {Sgd.Value.UpdateRatio:G3}");
    }

    [Fact]
    public void Rprop_SameSteps_LossFallsBelowSgds()
    {
        Assert.True(Rprop.Value.FinalLoss < Sgd.Value.FinalLoss - 0.05,
            $"mean loss of the last 50 steps: Rprop {Rprop.Value.FinalLoss:G4}, SGD {Sgd.Value.FinalLoss:G4}");
    }
}
