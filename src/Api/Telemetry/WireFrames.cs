using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>Frames and stored rows to the hub's wire records.</summary>
public static class WireFrames
{
    public static StepPoint Step(StepFrame f) => new(f.Step, f.Loss, f.TrainAccuracy, f.TestLoss, f.TestAccuracy, f.LearningRate, f.GradNormBefore, f.GradNormAfter, f.ClipScale);

    public static StepPoint Step(StepRow r) => new(r.Step, r.Loss ?? double.NaN, r.TrainAccuracy ?? double.NaN, r.TestLoss ?? double.NaN,
        r.TestAccuracy ?? double.NaN, r.LearningRate ?? double.NaN, r.GradNormBefore ?? double.NaN, r.GradNormAfter ?? double.NaN, r.ClipScale ?? double.NaN);

    public static LayerFrame Layers(StepFrame f)
    {
        var n = f.Layers.Length;
        var frame = Empty(f.Step, n);
        for (var l = 0; l < n; l++)
        {
            ref readonly var s = ref f.Layers[l];
            frame.WeightGradNorm[l] = s.WeightGradNorm;
            frame.BiasGradNorm[l] = s.BiasGradNorm;
            frame.DeltaNorm[l] = s.PreactivationGradNorm;
            frame.WeightNorm[l] = s.WeightNorm;
            frame.UpdateRatio[l] = s.UpdateRatio;
            frame.ActivationMean[l] = s.ActivationMean;
            frame.ActivationStd[l] = s.ActivationStd;
            frame.Saturation[l] = s.SaturationFraction;
            frame.DeadFraction[l] = s.DeadFraction;
            frame.NonFiniteCount[l] = s.NonFiniteGradCount;
        }
        return frame;
    }

    /// <summary>One step's stored samples (ordered by layer) as a frame.</summary>
    public static LayerFrame Layers(int step, int layerCount, IEnumerable<LayerSample> samples)
    {
        var frame = Empty(step, layerCount);
        foreach (var s in samples)
        {
            var l = s.Layer - 1;
            if ((uint)l >= (uint)layerCount) continue;
            frame.WeightGradNorm[l] = s[LayerField.WeightGradNorm];
            frame.BiasGradNorm[l] = s[LayerField.BiasGradNorm];
            frame.DeltaNorm[l] = s[LayerField.DeltaNorm];
            frame.WeightNorm[l] = s[LayerField.WeightNorm];
            frame.UpdateRatio[l] = s[LayerField.UpdateRatio];
            frame.ActivationMean[l] = s[LayerField.ActivationMean];
            frame.ActivationStd[l] = s[LayerField.ActivationStd];
            frame.Saturation[l] = s[LayerField.Saturation];
            frame.DeadFraction[l] = s[LayerField.DeadFraction];
            frame.NonFiniteCount[l] = (int)s[LayerField.NonFiniteCount];
        }
        return frame;
    }

    public static IEnumerable<RecurrentFrame> Recurrent(StepFrame f) => f.Recurrent.Select((r, i) => new RecurrentFrame(
        f.Step, i + 1, r.SigmaMax, r.BoundFactor, r.ForgetGateMean, [.. r.InputGateGradNorms], [.. r.RecurrentGateGradNorms],
        f.HasTimeLag ? [.. r.TimeLag] : null));

    public static RunEventMessage Event(EventRow e) => new(e.Step, e.Kind, e.Layer, e.Value, e.Message);

    private static LayerFrame Empty(int step, int n) => new(step, new double[n], new double[n], new double[n], new double[n], new double[n],
        new double[n], new double[n], new double[n], new double[n], new int[n]);
}
