using System.Globalization;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Core.Detection;

/// <summary>
/// A clipping event (Pascanu et al. 2013): a step whose gradient was scaled down, clip scale &lt; <paramref name="scaleBelow"/>.
/// Value: ‖g‖ before clipping.
/// </summary>
public sealed class ClippingDetector(double scaleBelow = ClippingDetector.DefaultScaleBelow) : IDetector
{
    /// <summary>Any scale below 1 is a clip (1 means the gradient was left as it was).</summary>
    public const double DefaultScaleBelow = 1;

    public void Inspect(StepRecord step, List<RunEventMessage> events)
    {
        if (!(step.ClipScale < scaleBelow)) return;
        events.Add(new RunEventMessage(step.Step, RunEventKinds.Clipping, null, step.GradNormBefore, string.Create(CultureInfo.InvariantCulture,
            $"‖g‖ {step.GradNormBefore:G4} clipped to {step.GradNormAfter:G4} (scale {step.ClipScale:G4}).")));
    }
}
