using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Runs the detectors (<see cref="Detectors.Replay"/>) over a stored run: its recorded steps, layer probes and recurrent
/// γ·σ_max, read from the store in step order, are fed as the step records the detectors saw live. A run that has ended
/// has its open episodes closed, as the live tap closes them.
/// </summary>
public sealed class DetectorReplay(SeriesStore series)
{
    /// <summary>Recorded steps read at once (with every layer's probes: 1,024 × layers samples in memory).</summary>
    private const int Window = 1024;

    /// <summary>The events the detectors find in the run's recorded steps, in step order, and the final state of each episode, in first-step order.</summary>
    public async Task<(List<RunEventMessage> Events, List<RunEpisode> Episodes)> RunAsync(RunRecord run, CancellationToken cancel)
    {
        var spec = RunMapping.Spec(run);
        var recurrentLayers = spec.Model is RecurrentSpec recurrent ? recurrent.Depth : 0;
        var detectors = Detectors.Replay(spec, run.LayerCount);
        var record = new StepRecord(run.LayerCount, recurrentLayers, 1, 1);
        var events = new List<RunEventMessage>();
        var episodes = new Dictionary<(string, int, int), EpisodeState>();
        void Collect()
        {
            foreach (var e in detectors.Episodes.Changed) episodes[(e.Kind, e.Track, e.FirstStep)] = e;
        }
        var samples = new List<LayerSample>();
        var from = 1;
        while (await series.StepsAsync(run.Key, from, int.MaxValue, Window, cancel) is { Count: > 0 } rows)
        {
            samples.Clear();
            await foreach (var sample in series.StreamLayerSamplesAsync(run.Key, run.LayerCount, rows[0].Step, rows[^1].Step, int.MaxValue, cancel))
                samples.Add(sample);
            var gains = recurrentLayers > 0 ? await series.BoundFactorsAsync(run.Key, rows[0].Step, rows[^1].Step, cancel) : [];
            var (next, nextGain) = (0, 0);
            foreach (var row in rows)
            {
                Load(record, row);
                while (next < samples.Count && samples[next].Step < row.Step) next++;
                for (; next < samples.Count && samples[next].Step == row.Step; next++)
                    Load(ref record.Layers[samples[next].Layer - 1], samples[next]);
                while (nextGain < gains.Count && gains[nextGain].Step < row.Step) nextGain++;
                for (; nextGain < gains.Count && gains[nextGain].Step == row.Step; nextGain++)
                    if (gains[nextGain].Layer <= recurrentLayers) record.Recurrent[gains[nextGain].Layer - 1].BoundFactor = gains[nextGain].BoundFactor;
                detectors.Inspect(record, events);
                Collect();
            }
            from = rows[^1].Step + 1;
        }
        if (run.Status.IsFinal())
        {
            detectors.Finish(null, events);
            Collect();
        }
        return (events, [.. episodes.Values.OrderBy(e => e.FirstStep).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Track).Select(WireFrames.Episode)]);
    }

    /// <summary>The step's metrics as stored (absent ones marked absent); its layers cleared and recurrent gains unmeasured until their samples are loaded.</summary>
    private static void Load(StepRecord r, StepRow row)
    {
        r.Step = row.Step;
        for (var m = 0; m < StepMetrics.Count; m++)
        {
            var metric = (StepMetric)m;
            if (row.Value(metric) is { } value) r[metric] = value;
            else r.MarkAbsent(metric);
        }
        Array.Clear(r.Layers);
        foreach (var recurrent in r.Recurrent) recurrent.BoundFactor = double.NaN;
    }

    private static void Load(ref LayerStats s, LayerSample sample)
    {
        for (var m = 0; m < LayerMetrics.Count; m++)
        {
            var metric = (LayerMetric)m;
            if (sample[metric] is { } value) s[metric] = value;
            else s.MarkAbsent(metric);
        }
    }
}
