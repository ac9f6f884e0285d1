using System.Globalization;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// A recurrent layer whose γ·σ_max(W_hh) (<see cref="RecurrentStats.BoundFactor"/>, measured on every probed step) is above
/// <see cref="DetectionSpec.RecurrentGainAbove"/>: past 1 the necessary condition for exploding gradients over time holds
/// (Pascanu, Mikolov &amp; Bengio 2013). One episode per recurrent layer (track = layer); peak: the largest γ·σ_max.
/// </summary>
public sealed class RecurrentGainDetector : IDetector
{
    private readonly double _above;
    private readonly EpisodeSlot[] _slots;

    public RecurrentGainDetector(DetectionSpec spec, int recurrentLayers, EpisodeLog episodes)
    {
        _above = spec.RecurrentGainAbove;
        _slots = [.. Enumerable.Range(1, recurrentLayers).Select(layer => episodes.Slot(EpisodeKinds.RecurrentGain, layer, Describe))];
    }

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        var recurrent = step.Recurrent;
        for (var r = 0; r < _slots.Length && r < recurrent.Length; r++)
        {
            var gain = recurrent[r].BoundFactor;
            if (double.IsFinite(gain) && gain > _above) _slots[r].Hold(step.Step, gain, r + 1);
        }
    }

    private string Describe(EpisodeSlot e) => string.Create(CultureInfo.InvariantCulture,
        $"Layer {e.Layer}: γ·σ_max(W_hh) above {_above:G3} on {e.Steps} recorded steps from {e.FirstStep} (largest {e.Peak:G4}): gradients over time can explode.");
}
