using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Api.Tests.Telemetry;

public sealed class StepRollupAccumulatorTests
{
    private static StepFrame Frame(int step, double loss, double gradNorm, bool gradientFree = false, double testLoss = double.NaN)
    {
        var record = new StepRecord(1, 0, 1, 1) { Step = step, Loss = loss, GradNormBefore = gradNorm, TestLoss = testLoss };
        if (gradientFree) record.MarkAbsent(StepMetric.GradNormBefore);
        var frame = new StepFrame(1, 0, 1, 1) { Run = null! }; // the accumulator never reads the run
        frame.CopyFrom(record);
        return frame;
    }

    private static StepRollup.FieldStats Read(StepRollupAccumulator rollup, StepMetric metric) => StepRollup.Read(rollup.Stats(), metric);

    [Fact]
    public void Add_AbsentValues_AreLeftOut()
    {
        var rollup = new StepRollupAccumulator();
        rollup.Reset(0);
        rollup.Add(Frame(1, 2, 5));
        rollup.Add(Frame(2, 1, 9, gradientFree: true));
        rollup.Add(Frame(3, 3, 4));

        Assert.Equal(new StepRollup.FieldStats(2, 4, 3, 5, 1, 0, 0), Read(rollup, StepMetric.GradNormBefore));
        Assert.Equal(new StepRollup.FieldStats(3, 1, 2, 3, 3, 0, 0), Read(rollup, StepMetric.Loss));
    }

    [Fact]
    public void Add_NaNOfASparseMetric_IsNotMeasuredButNaNLossIsNonFinite()
    {
        var rollup = new StepRollupAccumulator();
        rollup.Reset(0);
        rollup.Add(Frame(1, double.NaN, 1));
        rollup.Add(Frame(2, 1, 1, testLoss: 0.5));

        var loss = Read(rollup, StepMetric.Loss);
        Assert.Equal((1, 1), (loss.Finite, loss.NonFiniteStep));
        Assert.Equal(new StepRollup.FieldStats(1, 0.5, 2, 0.5, 2, 0, 0), Read(rollup, StepMetric.TestLoss));
    }

    [Fact]
    public void Seed_StoredRows_SameFiguresAsAddingTheSteps()
    {
        var added = new StepRollupAccumulator();
        added.Reset(0);
        added.Add(Frame(1, 2, 5));
        added.Add(Frame(2, double.NaN, 9, gradientFree: true));
        added.Add(Frame(3, 3, double.PositiveInfinity, testLoss: 0.25));
        var rows = new List<StepRow>
        {
            new() { Step = 1, Loss = 2, GradNormBefore = 5, ClipScale = 1 },
            new() { Step = 2, Loss = null, GradNormBefore = null, ClipScale = 1, Absent = 1 << (int)StepMetric.GradNormBefore },
            new() { Step = 3, Loss = 3, GradNormBefore = double.PositiveInfinity, TestLoss = 0.25, ClipScale = 1 },
        };

        var seeded = new StepRollupAccumulator();
        seeded.Seed(0, rows);

        foreach (var metric in new[] { StepMetric.Loss, StepMetric.GradNormBefore, StepMetric.TestLoss, StepMetric.ClipScale })
            Assert.Equal(Read(added, metric), Read(seeded, metric));
    }
}
