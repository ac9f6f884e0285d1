using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// Exploding gradients: ‖g‖ (before clipping) above <see cref="DetectionSpec.ExplodingFactor"/> × its scale, or growing by
/// <see cref="DetectionSpec.GrowthFactor"/> on each of <see cref="DetectionSpec.GrowthSteps"/> consecutive recorded steps
/// to above its scale. The scale is the larger of the median of its last <see cref="DetectionSpec.ExplodingWindow"/>
/// recorded values and the median of its first window: a converged run's median falls towards 0 while its occasional
/// hard batch keeps an ordinary ‖g‖, which against the running median alone would look like an explosion. AUTOTRAINER
/// (Zhang et al. ICSE 2021) flags a ratio above 70 on one batch; a median follows the run's own scale, so a lower factor
/// stays quiet on healthy noise. Non-finite norms are left to the non-finite detector. Peak: the largest ‖g‖.
/// </summary>
public sealed class ExplodingDetector(DetectionSpec spec, EpisodeLog episodes) : IDetector
{
    /// <summary>Values the median needs before it is trusted (fewer: only growth counts).</summary>
    public const int MinimumHistory = 10;

    private readonly RunningMedian _median = new(spec.ExplodingWindow);
    private readonly EpisodeSlot _slot = episodes.Slot(EpisodeKinds.Exploding, 0, Describe);
    private double _previous = double.NaN, _initial;
    private bool _initialKnown;
    private int _growing;

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        if (!step.Has(StepMetric.GradNormBefore)) return; // not measured at this step (gradient-free search)
        var g = step.GradNormBefore;
        if (!double.IsFinite(g))
        {
            (_previous, _growing) = (double.NaN, 0);
            return;
        }
        _growing = g > spec.GrowthFactor * _previous ? _growing + 1 : 0;
        var scale = Math.Max(_median.Median, _initial);
        var known = _median.Count >= Math.Min(MinimumHistory, spec.ExplodingWindow);
        if (known && (g > spec.ExplodingFactor * scale || (_growing >= spec.GrowthSteps && g > scale))) _slot.Hold(step.Step, g, 0);
        _median.Push(g);
        if (_median.Count == spec.ExplodingWindow && !_initialKnown) (_initial, _initialKnown) = (_median.Median, true);
        _previous = g;
    }

    private static string Describe(EpisodeSlot e) => string.Create(CultureInfo.InvariantCulture,
        $"‖g‖ far above its running median or growing fast on {e.Steps} recorded steps from {e.FirstStep}; largest ‖g‖ {e.Peak:G4} at step {e.PeakStep}.");
}
