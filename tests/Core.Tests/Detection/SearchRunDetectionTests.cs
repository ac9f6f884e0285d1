using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Tests.Training;

namespace GradientService.Core.Tests.Detection;

/// <summary>Gradient-free runs: steps without gradient fields say nothing about gradients; probe generations do.</summary>
public class SearchRunDetectionTests
{
    private const int Layers = 3;

    [Fact]
    public void Live_StepsWithGradientFieldsAbsent_FindNoGradientEpisode()
    {
        var spec = SearchSpecs.Genetic() with { Detection = new DetectionSpec { Patience = 2 } };
        var detectors = Detectors.Live(spec, Layers);
        var events = new List<RunEventMessage>();
        var kinds = new List<string>();
        for (var step = 1; step <= 30; step++)
        {
            // Stale values from an earlier probe stay in the record: a vanished, exploding, clipped, non-finite gradient.
            var r = new StepRecord(Layers, 0, 1, 1) { Step = step, Loss = 0.5, GradNormBefore = step * 1e6, GradNormAfter = 1, ClipScale = 0.1 };
            r.Layers[0].WeightGradNorm = 1e-12;
            r.Layers[0].NonFiniteGradCount = 5;
            r.Layers[2].WeightGradNorm = 1;
            foreach (var metric in new[] { StepMetric.GradNormBefore, StepMetric.GradNormAfter, StepMetric.ClipScale }) r.MarkAbsent(metric);
            for (var l = 0; l < Layers; l++) r.Layers[l].MarkGradientsAbsent();
            detectors.Inspect(r, events);
            kinds.AddRange(detectors.Episodes.Changed.Select(e => e.Kind));
        }

        Assert.Empty(events);
        Assert.Empty(kinds);
    }

    [Fact]
    public void Live_VanishingOnProbeGenerations_SaysItWasMeasuredByProbes()
    {
        var spec = SearchSpecs.Genetic() with { Detection = new DetectionSpec { Patience = 2 } };
        var detectors = Detectors.Live(spec, Layers);
        var events = new List<RunEventMessage>();
        var messages = new List<string>();
        for (var step = 1; step <= 12; step++)
        {
            var r = new StepRecord(Layers, 0, 1, 1) { Step = step, Loss = 0.5 };
            if (spec.Search.IsProbeStep(step, 12))
                (r.Layers[0].WeightGradNorm, r.Layers[1].WeightGradNorm, r.Layers[2].WeightGradNorm) = (1e-9, 1e-6, 1);
            else
                for (var l = 0; l < Layers; l++) r.Layers[l].MarkGradientsAbsent();
            detectors.Inspect(r, events);
            messages.AddRange(detectors.Episodes.Changed.Where(e => e.Kind == EpisodeKinds.Vanishing).Select(e => e.Message));
        }

        Assert.NotEmpty(messages);
        Assert.StartsWith("Measured by probes every 4 generations (not training gradients)", messages[^1], StringComparison.Ordinal);
    }
}
