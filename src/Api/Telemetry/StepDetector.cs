using System.Globalization;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>Turns a step into events: clipping (scale &lt; 1) and non-finite gradients. Runs on the training thread; allocation only on an event.</summary>
public static class StepDetector
{
    public static void Inspect(StepFrame frame)
    {
        if (frame.ClipScale < 1)
        {
            frame.Events.Add(new RunEventMessage(frame.Step, RunEventKinds.Clipping, null, frame.GradNormBefore, string.Create(CultureInfo.InvariantCulture,
                $"‖g‖ {frame.GradNormBefore:G4} clipped to {frame.GradNormAfter:G4} (scale {frame.ClipScale:G4}).")));
        }
        var firstLayer = -1;
        long entries = 0;
        for (var l = 0; l < frame.Layers.Length; l++)
        {
            var count = frame.Layers[l].NonFiniteGradCount;
            if (count == 0) continue;
            if (firstLayer < 0) firstLayer = l + 1;
            entries += count;
        }
        if (firstLayer > 0 || !double.IsFinite(frame.Loss))
        {
            var message = firstLayer > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{entries} gradient entries are NaN or ±∞, first in layer {firstLayer}.")
                : string.Create(CultureInfo.InvariantCulture, $"The loss is {frame.Loss}.");
            frame.Events.Add(new RunEventMessage(frame.Step, RunEventKinds.NonFinite, firstLayer > 0 ? firstLayer : null, entries, message));
        }
    }
}
