using System.Collections.Concurrent;
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
        for (var m = 0; m < values.Length; m++) if ((f.Absent & (1u << m)) == 0) values[m] = f.Values[m];
        return new StepPoint(f.Step, values);
    }

    public static StepPoint Step(StepRow r)
    {
        var values = new double?[StepMetrics.Count];
        for (var m = 0; m < values.Length; m++) values[m] = r.Value((StepMetric)m);
        return new StepPoint(r.Step, values);
    }

    /// <summary>
    /// The frame's probes; a metric no layer has at this step (one the net never measures) shares one all-null row per
    /// layer count (<see cref="AbsentRow"/>) instead of a new one each step, the same on the wire.
    /// </summary>
    public static LayerFrame Layers(StepFrame f)
    {
        var layers = f.Layers;
        var values = new double?[LayerMetrics.Count][];
        for (var m = 0; m < values.Length; m++)
        {
            var metric = (LayerMetric)m;
            double?[]? row = null;
            for (var l = 0; l < layers.Length; l++) if (layers[l].Has(metric)) (row ??= new double?[layers.Length])[l] = layers[l][metric];
            values[m] = row ?? AbsentRow(layers.Length);
        }
        return new LayerFrame(f.Step, values);
    }

    private static readonly ConcurrentDictionary<int, double?[]> AbsentRows = new();

    /// <summary>A row of nulls shared by every live frame of <paramref name="layers"/> layers: never written (frames are read-only once built).</summary>
    private static double?[] AbsentRow(int layers) => AbsentRows.GetOrAdd(layers, static n => new double?[n]);

    /// <summary>One step's stored samples (ordered by layer) as a frame.</summary>
    public static LayerFrame Layers(int step, int layerCount, IEnumerable<LayerSample> samples)
    {
        var values = new double?[LayerMetrics.Count][];
        for (var m = 0; m < values.Length; m++) values[m] = new double?[layerCount];
        var frame = new LayerFrame(step, values);
        foreach (var s in samples)
        {
            var l = s.Layer - 1;
            if ((uint)l >= (uint)layerCount) continue;
            for (var m = 0; m < LayerMetrics.Count; m++) frame.Values[m][l] = s.Values[m];
        }
        return frame;
    }

    public static RecurrentFrame Recurrent(StepFrame f, int index)
    {
        var r = f.Recurrent[index];
        return new RecurrentFrame(f.Step, index + 1, r.SigmaMax, r.BoundFactor, r.ForgetGateMean, [.. r.InputGateGradNorms], [.. r.RecurrentGateGradNorms],
            f.HasTimeLag ? [.. r.TimeLag] : null, f.HasTimeLag ? RecurrentBound.Profile(r.TimeLag, r.BoundFactor) : null);
    }

    /// <summary>The frame's per-depth gradient norms (a run with a hierarchical-softmax read-out).</summary>
    public static OutputDepthFrame OutputDepths(StepFrame f) => new(f.Step, [.. f.OutputDepthGradNorms]);

    public static RunEventMessage Event(EventRow e) => new(e.Step, e.Kind, e.Layer, e.Value, e.Message);

    public static RunEpisode Episode(EpisodeRow e) => new(e.Kind, e.Layer, e.FirstStep, e.LastStep, e.Steps, e.Peak, e.PeakStep, e.Open, e.Message, e.Track);

    /// <summary>An episode as the detectors hold it (layer 0: none; peak NaN: none).</summary>
    public static RunEpisode Episode(EpisodeState e) => new(e.Kind, e.Layer > 0 ? e.Layer : null, e.FirstStep, e.LastStep, e.Steps,
        double.IsNaN(e.Peak) ? null : e.Peak, double.IsNaN(e.Peak) ? null : e.PeakStep, e.Open, e.Message, e.Track);
}
