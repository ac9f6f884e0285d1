using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// Stalled learning (DeepDiagnosis, Wardat et al. ICSE 2022, checks that the loss decreases): over the last
/// <see cref="DetectionSpec.StalledWindow"/> recorded steps, the mean loss of the newer half is below the older half's by
/// less than <see cref="DetectionSpec.StalledTolerance"/> of it (or above it), on <see cref="DetectionSpec.Patience"/>
/// consecutive recorded steps, while ‖g‖ is not zero and the loss is still above
/// <see cref="DetectionSpec.StalledAbove"/> of its first window's mean (a converged run is flat too). Whole-network
/// episode (layer none); its first step is the first whose window was flat; peak: the smallest relative decrease (negative: the loss rose).
/// Running sums over a ring of the window: O(1) per step.
/// </summary>
public sealed class StalledDetector(DetectionSpec spec, EpisodeLog episodes) : IDetector
{
    private readonly double[] _ring = new double[spec.StalledWindow];
    private readonly EpisodeSlot _slot = episodes.Slot(EpisodeKinds.Stalled, 0, Describe, spec.Patience, EpisodeSlot.PeakRule.Smallest);
    private int _count, _next;
    private double _older, _newer, _baseline = double.NaN;

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        var loss = step.Loss;
        if (!double.IsFinite(loss)) return;
        Push(loss);
        var window = _ring.Length;
        if (_count < window) return;
        if (double.IsNaN(_baseline)) _baseline = (_older + _newer) / window;
        var older = _older / (window / 2);
        var newer = _newer / (window - window / 2);
        var change = (older - newer) / Math.Abs(older);
        // Without a gradient at this step (gradient-free search) a flat loss is a stall all the same.
        var moving = !step.Has(StepMetric.GradNormBefore) || (step.GradNormBefore > 0 && double.IsFinite(step.GradNormBefore));
        if (change < spec.StalledTolerance && moving && newer > spec.StalledAbove * _baseline) _slot.Hold(step.Step, change, 0);
    }

    /// <summary>Adds the newest loss: the oldest of the newer half moves to the older half, and once full the oldest value leaves.</summary>
    private void Push(double loss)
    {
        var window = _ring.Length;
        var newerSize = window - window / 2;
        if (_count >= newerSize)
        {
            var moved = _ring[(_next - newerSize + window) % window];
            _newer -= moved;
            _older += moved;
        }
        if (_count == window) _older -= _ring[_next];
        _newer += loss;
        _ring[_next] = loss;
        _next = (_next + 1) % window;
        _count = Math.Min(_count + 1, window);
    }

    private static string Describe(EpisodeSlot e) => string.Create(CultureInfo.InvariantCulture,
        $"The loss has stopped falling (relative decrease {e.Peak:G2} over the window) while ‖g‖ is not zero, on {e.Steps} recorded steps from {e.FirstStep}.");
}
