using System.Globalization;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// Gradient entries that are NaN or ±∞ in any layer, or a non-finite loss: an event per step (layer: the first such
/// layer from the input; value: the entries affected over all layers) and an episode over consecutive such steps
/// (layer: the first layer at its first step; peak: the most entries at one step).
/// </summary>
public sealed class NonFiniteDetector(EpisodeLog episodes) : IDetector
{
    private readonly EpisodeSlot _slot = episodes.Slot(EpisodeKinds.NonFinite, 0, Describe);

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        var layers = step.Layers;
        var firstLayer = -1;
        long entries = 0;
        for (var l = 0; l < layers.Length; l++)
        {
            var count = layers[l].Has(LayerMetric.NonFiniteCount) ? layers[l].NonFiniteGradCount : 0;
            if (count == 0) continue;
            if (firstLayer < 0) firstLayer = l + 1;
            entries += count;
        }
        if (firstLayer < 0 && double.IsFinite(step.Loss)) return;
        var message = firstLayer > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{entries} gradient entries are NaN or ±∞, first in layer {firstLayer}.")
            : string.Create(CultureInfo.InvariantCulture, $"The loss is {step.Loss}.");
        events.Add(new RunEventMessage(step.Step, RunEventKinds.NonFinite, firstLayer > 0 ? firstLayer : null, entries, message));
        _slot.Hold(step.Step, entries, Math.Max(firstLayer, 0));
    }

    private static string Describe(EpisodeSlot e) => string.Create(CultureInfo.InvariantCulture,
        $"NaN or ±∞ from step {e.FirstStep}{(e.Layer > 0 ? $", first in layer {e.Layer}" : " in the loss")}; {e.Steps} recorded steps, at most {e.Peak:G4} entries at once.");
}
