using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// A share of a layer's units stuck where the gradient stops, per hidden layer (track = layer; the read-out has no
/// activation): <see cref="Saturation"/> (sigmoid and tanh units, and LSTM/GRU gates, in the flat tails: the
/// <see cref="LayerMetric.Saturation"/> probe) and <see cref="DeadUnits"/> (ReLU units that output 0 on the whole batch:
/// <see cref="LayerMetric.DeadFraction"/>; AUTOTRAINER's dying-ReLU rule is ≥ 70% zero gradient entries). Each holds when
/// the share exceeds its threshold for <see cref="DetectionSpec.Patience"/> consecutive recorded steps; peak: the largest share.
/// </summary>
public sealed class LayerShareDetector : IDetector
{
    private readonly LayerMetric _metric;
    private readonly double _above;
    private readonly EpisodeSlot[] _slots;

    private LayerShareDetector(string kind, LayerMetric metric, double above, int patience, int hiddenLayers, EpisodeLog episodes)
    {
        (_metric, _above) = (metric, above);
        _slots = [.. Enumerable.Range(1, hiddenLayers).Select(layer => episodes.Slot(kind, layer, Describe, patience))];
    }

    /// <summary>Saturated sigmoid/tanh units, or none for other activations (the probe's ReLU "saturation" is z ≤ 0, not a tail).</summary>
    public static LayerShareDetector Saturation(DetectionSpec spec, ModelSpec model, int layers, EpisodeLog episodes) =>
        new(EpisodeKinds.Saturation, LayerMetric.Saturation, spec.SaturationShare, spec.Patience, Saturates(model) ? layers - 1 : 0, episodes);

    /// <summary>Dead units of the ReLU family (an output of exactly 0 for every z ≤ 0), or none for other activations.</summary>
    public static LayerShareDetector DeadUnits(DetectionSpec spec, ModelSpec model, int layers, EpisodeLog episodes) =>
        new(EpisodeKinds.DeadUnits, LayerMetric.DeadFraction, spec.DeadShare, spec.Patience, CanDie(model) ? layers - 1 : 0, episodes);

    public static bool Saturates(ModelSpec model) =>
        model is LstmSpec or GruSpec || model.Activation is ActivationKind.Sigmoid or ActivationKind.Tanh;

    public static bool CanDie(ModelSpec model) => model.Activation switch
    {
        ActivationKind.Relu => true,
        ActivationKind.LeakyRelu => model.LeakyReluSlope == 0,
        ActivationKind.Elu => model.EluAlpha == 0,
        _ => false,
    } && model is not (LstmSpec or GruSpec);

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        var layers = step.Layers;
        for (var l = 0; l < _slots.Length && l < layers.Length; l++)
        {
            if (!layers[l].Has(_metric)) continue;
            var share = layers[l][_metric];
            if (share > _above) _slots[l].Hold(step.Step, share, l + 1);
        }
    }

    private string Describe(EpisodeSlot e) => string.Create(CultureInfo.InvariantCulture,
        $"Layer {e.Layer}: more than {_above:P0} of units {(_metric == LayerMetric.Saturation ? "saturated" : "dead")} on {e.Steps} recorded steps from {e.FirstStep} (at most {e.Peak:P1}).");
}
