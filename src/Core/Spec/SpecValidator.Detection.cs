using GradientService.Contracts.Spec;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    private static void CheckDetection(DetectionSpec detection, SpecErrorList errors)
    {
        errors.Between("detection.patience", detection.Patience, 1, Limits.MaxDetectionWindow);
        errors.Between("detection.vanishingRatio", detection.VanishingRatio, 0, 1);
        errors.Between("detection.vanishingFloor", detection.VanishingFloor, 0, Limits.MaxThreshold);
        errors.Between("detection.explodingFactor", detection.ExplodingFactor, 1, Limits.MaxThreshold);
        errors.Between("detection.explodingWindow", detection.ExplodingWindow, 2, Limits.MaxDetectionWindow);
        errors.Between("detection.growthFactor", detection.GrowthFactor, 1, Limits.MaxThreshold);
        errors.Between("detection.growthSteps", detection.GrowthSteps, 1, Limits.MaxDetectionWindow);
        errors.Between("detection.recurrentGainAbove", detection.RecurrentGainAbove, 0, Limits.MaxThreshold);
        errors.Between("detection.saturationShare", detection.SaturationShare, 0, 1);
        errors.Between("detection.deadShare", detection.DeadShare, 0, 1);
        errors.Between("detection.stalledWindow", detection.StalledWindow, 2, Limits.MaxDetectionWindow);
        errors.Between("detection.stalledTolerance", detection.StalledTolerance, 0, 1);
        errors.Between("detection.stalledAbove", detection.StalledAbove, 0, 1);
    }
}
