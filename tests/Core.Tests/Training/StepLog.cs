using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>Every field of every step record, flattened to doubles, so runs can be compared bitwise.</summary>
internal sealed class StepLog
{
    public List<double[]> Steps { get; } = [];

    public List<StepRecord> Last { get; } = [];

    public void Add(StepRecord r)
    {
        var values = new List<double>
        {
            r.Step, r.Loss, r.TrainAccuracy, r.TestLoss, r.TestAccuracy, r.LearningRate, r.GradNormBefore, r.GradNormAfter, r.ClipScale,
        };
        foreach (var value in r.Values[(int)StepMetric.PopulationLoss..]) values.Add(value);
        values.Add(r.Absent);
        foreach (var l in r.Layers)
            values.AddRange([l.WeightGradNorm, l.BiasGradNorm, l.PreactivationGradNorm, l.WeightNorm, l.UpdateRatio,
                l.ActivationMean, l.ActivationStd, l.SaturationFraction, l.DeadFraction, l.NonFiniteGradCount]);
        // The sparse metrics of blocks and sublayers, and which are present.
        foreach (var l in r.Layers)
        {
            for (var m = LayerMetric.OutputGradNorm; (int)m < LayerMetrics.Count; m++) values.Add(l[m]);
            values.Add(l.Absent);
        }
        foreach (var rs in r.Recurrent)
        {
            values.AddRange(rs.InputGateGradNorms);
            values.AddRange(rs.RecurrentGateGradNorms);
            values.AddRange([rs.SigmaMax, rs.BoundFactor, rs.ForgetGateMean]);
            if (r.HasTimeLag) values.AddRange(rs.TimeLag);
        }
        values.AddRange(r.OutputDepthGradNorms);
        Steps.Add([.. values]);
    }

    public static StepLog Train(Trainer trainer, CancellationToken cancel = default)
    {
        var log = new StepLog();
        trainer.Run(log.Add, cancel);
        return log;
    }

    /// <summary>Asserts bitwise equality (NaN equals NaN) step by step, naming the first difference.</summary>
    public static void AssertIdentical(IReadOnlyList<double[]> expected, IReadOnlyList<double[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var s = 0; s < expected.Count; s++)
        {
            Assert.Equal(expected[s].Length, actual[s].Length);
            for (var i = 0; i < expected[s].Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[s][i]) == BitConverter.DoubleToInt64Bits(actual[s][i]),
                    $"step {s + 1}, field {i}: {expected[s][i]:R} vs {actual[s][i]:R}");
        }
    }
}
