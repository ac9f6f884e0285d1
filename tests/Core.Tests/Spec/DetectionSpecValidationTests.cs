using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class DetectionSpecValidationTests
{
    [Fact]
    public void Validate_EveryDetectionFieldOutOfRange_NamesEachField()
    {
        var spec = new RunSpec
        {
            Detection = new DetectionSpec
            {
                Patience = 0, VanishingRatio = 2, VanishingFloor = -1, ExplodingFactor = 0.5, ExplodingWindow = 1, GrowthFactor = double.NaN,
                GrowthSteps = 0, RecurrentGainAbove = double.PositiveInfinity, SaturationShare = -0.1, DeadShare = 1.5, StalledWindow = 1,
                StalledTolerance = double.NaN, StalledAbove = 2,
            },
        };

        var errors = SpecValidator.Validate(spec);

        Assert.Equal(
            [
                "detection.patience", "detection.vanishingRatio", "detection.vanishingFloor", "detection.explodingFactor", "detection.explodingWindow",
                "detection.growthFactor", "detection.growthSteps", "detection.recurrentGainAbove", "detection.saturationShare", "detection.deadShare",
                "detection.stalledWindow", "detection.stalledTolerance", "detection.stalledAbove",
            ],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_PatienceZero_SaysWhatIsAllowed()
    {
        var errors = SpecValidator.Validate(new RunSpec { Detection = new DetectionSpec { Patience = 0 } });

        Assert.Equal([new SpecError("detection.patience", "must be between 1 and 100000; got 0")], errors);
    }

    [Fact]
    public void Validate_NullDetection_IsRequired()
    {
        var errors = SpecValidator.Validate(new RunSpec { Detection = null! });

        Assert.Equal([new SpecError("detection", "is required")], errors);
    }
}
