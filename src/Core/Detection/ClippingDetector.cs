using System.Globalization;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// A clipping event (Pascanu et al. 2013) on each step whose gradient was scaled down (clip scale &lt; 1; value: ‖g‖
/// before clipping), and clipping episodes over consecutive clipped steps (peak: the smallest scale). The share of the
/// run an episode covers is its Steps over the recorded steps (the diagnosis divides by the run's steps).
/// </summary>
public sealed class ClippingDetector(EpisodeLog episodes) : IDetector
{
    private readonly EpisodeSlot _slot = episodes.Slot(EpisodeKinds.Clipping, 0, Describe, peak: EpisodeSlot.PeakRule.Smallest);

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        if (!step.Has(StepMetric.ClipScale) || !(step.ClipScale < 1)) return;
        events.Add(new RunEventMessage(step.Step, RunEventKinds.Clipping, null, step.GradNormBefore, string.Create(CultureInfo.InvariantCulture,
            $"‖g‖ {step.GradNormBefore:G4} clipped to {step.GradNormAfter:G4} (scale {step.ClipScale:G4}).")));
        _slot.Hold(step.Step, step.ClipScale, 0);
    }

    private static string Describe(EpisodeSlot e) => string.Create(CultureInfo.InvariantCulture,
        $"Clipped on {e.Steps} recorded steps, {e.FirstStep}–{e.LastStep}{(e.Open ? " so far" : "")}; smallest scale {e.Peak:G3} at step {e.PeakStep}.");
}
