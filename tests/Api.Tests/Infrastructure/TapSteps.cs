using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Spec;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Run taps of a small dense net on one queue, and steps fed through them as the recorder reads them back.</summary>
public sealed class TapSteps(int layers)
{
    private readonly TelemetryQueue _queue = new(Microsoft.Extensions.Options.Options.Create(new StorageOptions()));

    public RunTap Tap(Guid runId)
    {
        var model = new ModelInfo([.. Enumerable.Range(1, layers).Select(l => new LayerInfo(l, $"layers.{l - 1}", 4, 4, "dense"))], 20 * layers, 0, 1, 1);
        return new RunTap(_queue, new RunContext(1, runId, model, RecordEvery: 1, TotalSteps: 1000, ResumedAt: 0), Detectors.Live(new RunSpec(), layers));
    }

    /// <summary>Steps <paramref name="from"/>…<paramref name="to"/> through the tap (frames with their detected events), then every queued item.</summary>
    public List<TelemetryItem> Steps(RunTap tap, int from, int to, int clippedAt = -1)
    {
        var record = new StepRecord(layers, 0, 1, 1);
        for (var step = from; step <= to; step++)
        {
            record.Step = step;
            record.Loss = 1.0 / step;
            record.GradNormBefore = step == clippedAt ? 10 : 1;
            record.ClipScale = step == clippedAt ? 0.1 : 1;
            record.GradNormAfter = record.GradNormBefore * record.ClipScale;
            for (var l = 0; l < layers; l++) record.Layers[l].WeightGradNorm = step + l;
            tap.OnStep(record);
        }
        return Drain();
    }

    /// <summary>Every item queued so far, in order.</summary>
    public List<TelemetryItem> Drain()
    {
        var items = new List<TelemetryItem>();
        while (_queue.Reader.TryRead(out var item)) items.Add(item);
        return items;
    }
}
