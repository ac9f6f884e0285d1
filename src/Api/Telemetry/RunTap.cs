using System.Collections.Concurrent;
using System.Diagnostics;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Api.Telemetry;

/// <summary>
/// One training run's end of the telemetry pipeline. The training thread calls <see cref="OnStep"/>: it copies the
/// record into a pooled frame, runs the live detectors (<see cref="Detectors.Live"/>) on it, adds the episodes that
/// changed and queues the frame for the recorder, waiting only while the bounded queue is full. Everything after that
/// (store, feed, hub) happens on other threads. When the run ends, <see cref="Finish"/> closes its open episodes.
/// </summary>
public sealed class RunTap(TelemetryQueue queue, RunContext context, Detectors detectors)
{
    private readonly ConcurrentQueue<StepFrame> _pool = new();
    private long _waitTicks;

    public RunContext Context { get; } = context;

    public long RunKey => Context.RunKey;

    public Guid RunId => Context.RunId;

    public int LayerCount => Context.Model.Layers.Count;

    /// <summary>Set by the recorder when a batch holding this run's steps could not be written; the next step throws it.</summary>
    public Exception? RecorderFault { get; set; }

    /// <summary>Time the training thread spent waiting for room in the queue.</summary>
    public TimeSpan WaitedOnRecorder => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    public void OnStep(StepRecord record)
    {
        if (RecorderFault is { } fault) throw new InvalidOperationException("The recorder could not store this run's steps.", fault);
        if (record.Step % Context.RecordEvery != 0 && record.Step != Context.TotalSteps) return;
        var frame = Rent();
        frame.CopyFrom(record);
        detectors.Inspect(record, frame.Events);
        frame.Episodes.AddRange(detectors.Episodes.Changed);
        Enqueue(frame);
    }

    /// <summary>Queues a checkpoint taken after <paramref name="step"/>; it is stored with the steps queued before it.</summary>
    public void Checkpoint(int step, byte[] data) => Enqueue(new CheckpointItem { Run = this, Step = step, Data = data });

    /// <summary>
    /// The run ended (completed, diverged at <paramref name="divergence"/>, cancelled or failed; not suspended): queues the
    /// divergence's event and one-step episode, and closes every open episode.
    /// </summary>
    public void Finish(Divergence? divergence)
    {
        var events = new List<RunEventMessage>();
        detectors.Finish(divergence, events);
        foreach (var e in events) Enqueue(new EventItem { Run = this, Message = e });
        if (detectors.Episodes.Changed.Count > 0) Enqueue(new EpisodesItem { Run = this, Episodes = [.. detectors.Episodes.Changed] });
    }

    /// <summary>Completes when everything queued so far is committed.</summary>
    public async Task FlushAsync(CancellationToken cancel)
    {
        var flush = new FlushItem { Run = this };
        await queue.Writer.WriteAsync(flush, cancel);
        await flush.Committed.Task.WaitAsync(cancel);
    }

    public void Return(StepFrame frame) => _pool.Enqueue(frame);

    private StepFrame Rent() => _pool.TryDequeue(out var frame) ? frame
        : new StepFrame(LayerCount, Context.Model.RecurrentLayers, Context.Model.Gates, Context.Model.SequenceLength, Context.Model.OutputDepths) { Run = this };

    private void Enqueue(TelemetryItem item)
    {
        if (queue.Writer.TryWrite(item)) return;
        var started = Stopwatch.GetTimestamp();
        // Back-pressure: the training thread is a dedicated thread, so blocking it here is the intended wait.
        queue.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
        Interlocked.Add(ref _waitTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }
}

/// <summary>An event to store with the run's steps.</summary>
public sealed class EventItem : TelemetryItem
{
    public required RunEventMessage Message { get; init; }
}

/// <summary>Episodes that changed outside a step (closed at the run's end, a divergence).</summary>
public sealed class EpisodesItem : TelemetryItem
{
    public required IReadOnlyList<EpisodeState> Episodes { get; init; }
}
