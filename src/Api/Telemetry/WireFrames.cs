using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Theory;

namespace GradientService.Api.Telemetry;

/// <summary>Frames and stored rows to the hub's wire records (values by metric ordinal; null: absent).</summary>
public static class WireFrames
{
    public static StepPoint Step(StepFrame f)
    {
        var values = new double?[StepMetrics.Count];
        for (var m = 0; m < values.Length; m++) values[m] = f.Find((StepMetric)m);
        return new StepPoint(f.Step, values);
    }

    public static StepPoint Step(StepRow r)
    {
        var values = new double?[StepMetrics.Count];
        for (var m = 0; m < values.Length; m++) values[m] = r.Value((StepMetric)m);
        return new StepPoint(r.Step, values);
    }

    public static LayerFrame Layers(StepFrame f)
    {
        var n = f.Layers.Length;
        var frame = Empty(f.Step, n);
        for (var l = 0; l < n; l++)
        {
            ref readonly var s = ref f.Layers[l];
            for (var m = 0; m < LayerMetrics.Count; m++)
            {
                var metric = (LayerMetric)m;
                frame.Values[m][l] = s.Has(metric) ? s[metric] : null;
            }
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
            for (var m = 0; m < LayerMetrics.Count; m++) frame.Values[m][l] = s.Values[m];
        }
        return frame;
    }

    /// <summary>Layers of a frame (the length of each metric's array).</summary>
    public static int LayerCount(LayerFrame frame) => frame.Values.Length == 0 ? 0 : frame.Values[0].Length;

    public static IEnumerable<RecurrentFrame> Recurrent(StepFrame f) => f.Recurrent.Select((r, i) => new RecurrentFrame(
        f.Step, i + 1, r.SigmaMax, r.BoundFactor, r.ForgetGateMean, [.. r.InputGateGradNorms], [.. r.RecurrentGateGradNorms],
        f.HasTimeLag ? [.. r.TimeLag] : null, f.HasTimeLag ? RecurrentBound.Profile(r.TimeLag, r.BoundFactor) : null));

    /// <summary>The frame's per-depth gradient norms, or none when the run has no hierarchical-softmax read-out.</summary>
    public static IEnumerable<OutputDepthFrame> OutputDepths(StepFrame f) =>
        f.OutputDepthGradNorms.Length == 0 ? [] : [new OutputDepthFrame(f.Step, [.. f.OutputDepthGradNorms])];

    public static RunEventMessage Event(EventRow e) => new(e.Step, e.Kind, e.Layer, e.Value, e.Message);

    public static RunEpisode Episode(EpisodeRow e) => new(e.Kind, e.Layer, e.FirstStep, e.LastStep, e.Steps, e.Peak, e.PeakStep, e.Open, e.Message, e.Track);

    /// <summary>An episode as the detectors hold it (layer 0: none; peak NaN: none).</summary>
    public static RunEpisode Episode(EpisodeState e) => new(e.Kind, e.Layer > 0 ? e.Layer : null, e.FirstStep, e.LastStep, e.Steps,
        double.IsNaN(e.Peak) ? null : e.Peak, double.IsNaN(e.Peak) ? null : e.PeakStep, e.Open, e.Message, e.Track);

    private static LayerFrame Empty(int step, int layers)
    {
        var values = new double?[LayerMetrics.Count][];
        for (var m = 0; m < values.Length; m++) values[m] = new double?[layers];
        return new LayerFrame(step, values);
    }
}
