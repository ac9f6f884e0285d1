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

    [Theory]
    [InlineData(1, 0.025)]
    [InlineData(2, 0.05)]
    [InlineData(4, 0.1)]
    [InlineData(50, 0.1)]
    public void At_Warmup_RisesLinearlyOverItsSteps(int step, double expected) =>
        Assert.Equal(expected, LearningRateSchedule.At(new OptimizerSpec { LearningRate = Eta, WarmupSteps = 4 }, step, 100), 1e-15);

    /// <summary>Chained as PyTorch's LinearLR with a decay: the factors multiply, and the decay's clock starts at step 1.</summary>
    [Theory]
    [InlineData(ScheduleKind.Step, 5)]
    [InlineData(ScheduleKind.Step, 30)]
    [InlineData(ScheduleKind.Cosine, 3)]
    [InlineData(ScheduleKind.Cosine, 80)]
    public void At_WarmupWithSchedule_MultipliesTheSchedule(ScheduleKind schedule, int step)
    {
        var plain = new OptimizerSpec { LearningRate = Eta, Schedule = schedule, StepEvery = 10, StepGamma = 0.5, MinLearningRate = 0.01 };
        var warm = plain with { WarmupSteps = 20 };

        Assert.Equal(Math.Min(1, step / 20.0) * LearningRateSchedule.At(plain, step, 100), LearningRateSchedule.At(warm, step, 100), 1e-15);
    }
}
