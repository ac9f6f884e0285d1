using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Runs the detectors (<see cref="Detectors.Replay"/>) over a stored run: its recorded steps and layer probes, read from
/// the store in step order, are fed as the step records the detectors saw live.
/// </summary>
public sealed class DetectorReplay(SeriesStore series)
{
    /// <summary>Recorded steps read at once (with every layer's probes: 1,024 × layers samples in memory).</summary>
    private const int Window = 1024;

    /// <summary>The events the detectors find in the run's recorded steps, in step order.</summary>
    public async Task<List<RunEventMessage>> RunAsync(RunRecord run, CancellationToken cancel)
    {
        var detectors = Detectors.Replay();
        var record = new StepRecord(run.LayerCount, 0, 1, 1);
        var events = new List<RunEventMessage>();
        var samples = new List<LayerSample>();
        var from = 1;
        while (await series.StepsAsync(run.Key, from, int.MaxValue, Window, cancel) is { Count: > 0 } rows)
        {
            samples.Clear();
            await foreach (var sample in series.StreamLayerSamplesAsync(run.Key, run.LayerCount, rows[0].Step, rows[^1].Step, int.MaxValue, cancel))
                samples.Add(sample);
            var next = 0;
            foreach (var row in rows)
            {
                Load(record, row);
                while (next < samples.Count && samples[next].Step < row.Step) next++;
                for (; next < samples.Count && samples[next].Step == row.Step; next++)
                    Load(ref record.Layers[samples[next].Layer - 1], samples[next]);
                detectors.Inspect(record, events);
            }
            from = rows[^1].Step + 1;
        }
        return events;
    }

    /// <summary>The step's metrics as stored (absent ones marked absent); its layers cleared until their samples are loaded.</summary>
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
