using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// A copy of one <see cref="StepRecord"/> (the trainer reuses its record, so the training thread copies it here).
/// Frames are pooled per run: the recorder hands each back after it is written and broadcast.
/// </summary>
public sealed class StepFrame(int layers, int recurrentLayers, int gates, int sequenceLength) : TelemetryItem
{
    public int Step;
    public double Loss, TrainAccuracy, TestLoss, TestAccuracy, LearningRate, GradNormBefore, GradNormAfter, ClipScale;
    public readonly LayerStats[] Layers = new LayerStats[layers];
    public readonly RecurrentCopy[] Recurrent = CreateRecurrent(recurrentLayers, gates, sequenceLength);
    public bool HasTimeLag;
    public readonly List<RunEventMessage> Events = [];

    public void CopyFrom(StepRecord record)
    {
        Step = record.Step;
        Loss = record.Loss;
        TrainAccuracy = record.TrainAccuracy;
        TestLoss = record.TestLoss;
        TestAccuracy = record.TestAccuracy;
        LearningRate = record.LearningRate;
        GradNormBefore = record.GradNormBefore;
        GradNormAfter = record.GradNormAfter;
        ClipScale = record.ClipScale;
        record.Layers.AsSpan(0, Layers.Length).CopyTo(Layers);
        HasTimeLag = record.HasTimeLag;
        for (var i = 0; i < Recurrent.Length; i++) Recurrent[i].CopyFrom(record.Recurrent[i], record.HasTimeLag);
        Events.Clear();
    }

    private static RecurrentCopy[] CreateRecurrent(int count, int gates, int sequenceLength)
    {
        var copies = new RecurrentCopy[count];
        for (var i = 0; i < count; i++) copies[i] = new RecurrentCopy(gates, sequenceLength);
        return copies;
    }
}

/// <summary>A copy of one <see cref="RecurrentStats"/>.</summary>
public sealed class RecurrentCopy(int gates, int sequenceLength)
{
    public double SigmaMax, BoundFactor, ForgetGateMean;
    public readonly double[] InputGateGradNorms = new double[gates];
    public readonly double[] RecurrentGateGradNorms = new double[gates];
    public readonly double[] TimeLag = new double[sequenceLength];

    public void CopyFrom(RecurrentStats stats, bool withTimeLag)
    {
        SigmaMax = stats.SigmaMax;
        BoundFactor = stats.BoundFactor;
        ForgetGateMean = stats.ForgetGateMean;
        stats.InputGateGradNorms.CopyTo(InputGateGradNorms, 0);
        stats.RecurrentGateGradNorms.CopyTo(RecurrentGateGradNorms, 0);
        if (withTimeLag) stats.TimeLag.AsSpan(0, TimeLag.Length).CopyTo(TimeLag);
    }
}
