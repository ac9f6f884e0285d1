using GradientService.Core.Optimizers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class LearningRateScheduleTests
{
    private const double Eta = 0.1;

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(1000)]
    public void At_NoSchedule_IsConstant(int step) =>
        Assert.Equal(Eta, LearningRateSchedule.At(new OptimizerSpec { LearningRate = Eta }, step, 1000));

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(10, 0.1)]
    [InlineData(11, 0.05)]
    [InlineData(20, 0.05)]
    [InlineData(21, 0.025)]
    public void At_StepSchedule_DecaysAtEachBoundary(int step, double expected)
    {
        var spec = new OptimizerSpec { LearningRate = Eta, Schedule = ScheduleKind.Step, StepEvery = 10, StepGamma = 0.5 };

        Assert.Equal(expected, LearningRateSchedule.At(spec, step, 100), 1e-15);
    }

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(51, 0.055)]
    [InlineData(101, 0.01)]
    public void At_Cosine_FollowsHalfCosineFromEtaToMin(int step, double expected)
    {
        var spec = new OptimizerSpec { LearningRate = Eta, Schedule = ScheduleKind.Cosine, MinLearningRate = 0.01 };

        Assert.Equal(expected, LearningRateSchedule.At(spec, step, 100), 1e-15);
    }

    [Fact]
    public void At_CosineLastStep_IsJustAboveMin()
    {
        var spec = new OptimizerSpec { LearningRate = Eta, Schedule = ScheduleKind.Cosine, MinLearningRate = 0.01 };

        // η_min + (η − η_min)(1 + cos(99π/100))/2 = 0.01 + 0.09·0.000246719…
        Assert.Equal(0.01 + 0.09 * (1 + Math.Cos(Math.PI * 0.99)) / 2, LearningRateSchedule.At(spec, 100, 100), 1e-17);
        Assert.InRange(LearningRateSchedule.At(spec, 100, 100), 0.01, 0.01003);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 0)]
    public void At_StepOrTotalBelowOne_Throws(int step, int total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.At(new OptimizerSpec(), step, total));
}
