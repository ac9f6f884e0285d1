using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training.Pretraining;

/// <summary>
/// The layerwise-pretraining presets at CI scale, each of seeds 1–5: the same 10-layer sigmoid net and task at width 32, 1,000 examples and
/// 2,000 steps, pretrained 100 steps per layer by Adam at η = 0.01 and fine-tuned by SGD at η = 0.05 (the presets: width
/// 64, 4,000 steps, 200 per layer; the figures at that scale are in docs/pretraining.md).
/// </summary>
public class PretrainingLearningTests
{
    [Theory]
    [InlineData(1ul)]
    [InlineData(2ul)]
    [InlineData(3ul)]
    [InlineData(4ul)]
    [InlineData(5ul)]
    public void AutoencoderPretraining_DeepSigmoid_RaisesTheLowestGradientsTenfoldAndEndsMoreAccurate(ulong seed)
    {
        var (baseGradients, baseAccuracy) = Train(Scaled("pretraining-none", seed));
        var (gradients, accuracy) = Train(Scaled("pretraining-autoencoder", seed));

        for (var l = 0; l < 2; l++)
            Assert.True(gradients[l] >= 10 * baseGradients[l], $"layer {l + 1}: ‖∂L/∂W‖ {gradients[l]:E2} after pretraining, {baseGradients[l]:E2} from the random init");
        Assert.True(baseAccuracy <= 0.6, $"random init: {baseAccuracy:P1}");
        Assert.True(accuracy >= baseAccuracy + 0.2, $"pretrained: {accuracy:P1}, random init: {baseAccuracy:P1}");
    }

    private static RunSpec Scaled(string preset, ulong seed)
    {
        var spec = PresetCatalog.Find(preset)!.Spec; // in the catalog (PresetCatalogTests)
        return spec with
        {
            Model = spec.Model with { Width = 32 },
            Data = spec.Data with { Samples = 1000 },
            Optimizer = spec.Optimizer with { LearningRate = 0.05 },
            Pretraining = spec.Pretraining with { StepsPerLayer = 100, LearningRate = 0.01 },
            Training = spec.Training with { Steps = 2000, Seed = seed },
        };
    }

    /// <summary>‖∂L/∂W_l‖ per layer at the first fine-tuning step (step 1 without pretraining) and the final test accuracy.</summary>
    private static (double[] Gradients, double Accuracy) Train(RunSpec spec)
    {
        var first = spec.Pretraining.Steps(PretrainingSpec.DepthOf(spec.Model)) + 1;
        double[] gradients = [];
        var accuracy = double.NaN;
        using var trainer = Trainer.Create(spec);
        var result = trainer.Run(r =>
        {
            if (r.Step == first) gradients = [.. r.Layers.Select(l => l.WeightGradNorm)];
            if (!double.IsNaN(r.TestAccuracy)) accuracy = r.TestAccuracy;
        });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        return (gradients, accuracy);
    }
}
