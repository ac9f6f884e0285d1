using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Probes;
using GradientService.Contracts.Wire;

namespace GradientService.Core.Detection;

/// <summary>
/// Vanishing gradients, after AUTOTRAINER's rule (Zhang et al., ICSE 2021: ‖∇W_first‖/‖∇W_last‖ &lt; 10⁻³ or ‖∇W_first‖
/// &lt; 10⁻⁴) applied to every layer on every recorded step: layer l vanishes while ‖∂L/∂W_l‖ &lt; ratio·‖∂L/∂W_L‖ (L: the
/// read-out) or &lt; the floor. One whole-network episode while layer 1 vanishes for <see cref="DetectionSpec.Patience"/>
/// consecutive recorded steps; its layer is the depth from which learning has effectively stopped (the largest l with
/// layers 1 … l each vanishing that long, the deepest seen), its peak the decades log₁₀(‖∂L/∂W_L‖/‖∂L/∂W_1‖) between the
/// first layer and the read-out (positive: the first layer gets less).
/// </summary>
public sealed class VanishingDetector : IDetector
{
    private readonly double _ratio, _floor;
    private readonly int _patience;
    private readonly int[] _streak;
    private readonly EpisodeSlot _slot;

    private readonly int _probeEvery;

    /// <summary>A gradient-free run passes its probe interval k (<paramref name="probeEvery"/>; 0 for backprop): its episodes say the gradients were probes.</summary>
    public VanishingDetector(DetectionSpec spec, int layers, EpisodeLog episodes, int probeEvery = 0)
    {
        _probeEvery = probeEvery;
        (_ratio, _floor, _patience) = (spec.VanishingRatio, spec.VanishingFloor, spec.Patience);
        _streak = new int[Math.Max(0, layers - 1)];
        _slot = episodes.Slot(EpisodeKinds.Vanishing, 0, Describe, spec.Patience, layer: EpisodeSlot.LayerRule.Deepest);
    }

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        var layers = step.Layers;
        if (_streak.Length == 0) return;
        ref readonly var output = ref layers[^1];
        // A step without a backward pass (gradient-free search between its probes) says nothing either way.
        if (!output.Has(LayerMetric.WeightGradNorm))
        {
            _slot.Keep();
            return;
        }
        var last = output.WeightGradNorm;
        for (var l = 0; l < _streak.Length; l++)
        {
            var w = layers[l].Has(LayerMetric.WeightGradNorm) ? layers[l].WeightGradNorm : double.NaN;
            var vanishing = double.IsFinite(w) && double.IsFinite(last) && (w < _ratio * last || w < _floor);
            _streak[l] = vanishing ? _streak[l] + 1 : 0;
        }
        if (_streak[0] == 0) return;
        var depth = 0;
        while (depth < _streak.Length && _streak[depth] >= _patience) depth++;
        var decades = last > 0 ? Math.Log10(last) - Math.Log10(Math.Max(layers[0].WeightGradNorm, double.Epsilon)) : double.NaN;
        _slot.Hold(step.Step, decades, depth);
    }

    /// <summary>Decades past this mean layer 1's gradient was exactly 0 (clamped to the smallest double, 10^−323.3).</summary>
    private const double ZeroGradientDecades = 300;

    private string Describe(EpisodeSlot e) => _probeEvery > 0
        ? string.Create(CultureInfo.InvariantCulture,
            $"Measured by probes every {_probeEvery} generations (not training gradients): backprop would barely move layers 1–{e.Layer}; layer 1's ‖∂L/∂W‖ is {(e.Peak > ZeroGradientDecades ? "0" : $"{e.Peak:F1} decades below the output layer's")} (at step {e.PeakStep}); {e.Steps} probes from {e.FirstStep}.")
        : string.Create(CultureInfo.InvariantCulture,
        $"Learning has stopped in layers 1–{e.Layer}: layer 1's ‖∂L/∂W‖ is {(e.Peak > ZeroGradientDecades ? "0" : $"{e.Peak:F1} decades below the output layer's")} (at step {e.PeakStep}); {e.Steps} recorded steps from {e.FirstStep}.");
}
