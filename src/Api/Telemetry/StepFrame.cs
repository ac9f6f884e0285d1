using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// A copy of one <see cref="StepRecord"/> (the trainer reuses its record, so the training thread copies it here).
/// Frames are pooled per run: the recorder hands each back after it is written and broadcast.
/// </summary>
public sealed class StepFrame(int layers, int recurrentLayers, int gates, int sequenceLength, int outputDepths = 0) : TelemetryItem
{
    public int Step;

    /// <summary>One value per <see cref="StepMetric"/> ordinal; bit m of <see cref="Absent"/> set: metric m not computed.</summary>
    public readonly double[] Values = new double[StepMetrics.Count];
    public uint Absent;
    public readonly LayerStats[] Layers = new LayerStats[layers];
    public readonly RecurrentCopy[] Recurrent = CreateRecurrent(recurrentLayers, gates, sequenceLength);
    public bool HasTimeLag;

    /// <summary>A hierarchical-softmax read-out's ‖∂L/∂W‖ per tree depth, root first (see <see cref="StepRecord.OutputDepthGradNorms"/>); else empty.</summary>
    public readonly double[] OutputDepthGradNorms = new double[outputDepths];
    public readonly List<RunEventMessage> Events = [];

    /// <summary>The episodes that opened, grew or closed at this step (their state after it).</summary>
    public readonly List<EpisodeState> Episodes = [];

    public void CopyFrom(StepRecord record)
    {
        Step = record.Step;
        record.Values.CopyTo(Values);
        Absent = record.Absent;
        record.Layers.AsSpan(0, Layers.Length).CopyTo(Layers);
        HasTimeLag = record.HasTimeLag;
        record.OutputDepthGradNorms.AsSpan(0, OutputDepthGradNorms.Length).CopyTo(OutputDepthGradNorms);
        for (var i = 0; i < Recurrent.Length; i++) Recurrent[i].CopyFrom(record.Recurrent[i], record.HasTimeLag);
        Events.Clear();
        Episodes.Clear();
    }

    public double Loss => Value(StepMetric.Loss);
    public double TrainAccuracy => Value(StepMetric.TrainAccuracy);
    public double TestLoss => Value(StepMetric.TestLoss);
    public double TestAccuracy => Value(StepMetric.TestAccuracy);
    public double GradNormBefore => Value(StepMetric.GradNormBefore);
    public double GradNormAfter => Value(StepMetric.GradNormAfter);
    public double ClipScale => Value(StepMetric.ClipScale);

    public bool Has(StepMetric metric) => (Absent & (1u << (int)metric)) == 0;

    /// <summary>The value, or null when absent.</summary>
    public double? Find(StepMetric metric) => Has(metric) ? Values[(int)metric] : null;

    /// <summary>The value, NaN when absent (for checks that treat both alike: clipping, progress).</summary>
    public double Value(StepMetric metric) => Find(metric) ?? double.NaN;

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
