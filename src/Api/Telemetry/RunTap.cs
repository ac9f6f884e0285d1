using System.Collections.Concurrent;
using System.Diagnostics;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// One training run's end of the telemetry pipeline. The training thread calls <see cref="OnStep"/>: it copies the
/// record into a pooled frame, runs the detector and queues the frame for the recorder, waiting only while the bounded
/// queue is full. Everything after that (SQLite, SignalR) happens on other threads.
/// </summary>
public sealed class RunTap
{
    private readonly TelemetryQueue _queue;
    private readonly ConcurrentQueue<StepFrame> _pool = new();
    private readonly int _recordEvery;
    private readonly int _totalSteps;
    private readonly int _recurrentLayers, _gates, _sequenceLength;
    private long _waitTicks;

    public RunTap(TelemetryQueue queue, long runKey, Guid runId, int layers, int recurrentLayers, int gates, int sequenceLength,
        int recordEvery, int totalSteps, RollupAccumulator rollups, ChunkBuffer chunks, StepRollupAccumulator stepRollups)
    {
        _queue = queue;
        RunKey = runKey;
        RunId = runId;
        LayerCount = layers;
        (_recurrentLayers, _gates, _sequenceLength) = (recurrentLayers, gates, sequenceLength);
        _recordEvery = recordEvery;
        _totalSteps = totalSteps;
        Rollups = rollups;
        Chunks = chunks;
        StepRollups = stepRollups;
    }

    public long RunKey { get; }

    public Guid RunId { get; }

    public int LayerCount { get; }

    /// <summary>Recorder-thread state: the open rollup bucket of every layer field.</summary>
    public RollupAccumulator Rollups { get; }

    /// <summary>Recorder-thread state: the open bucket of the scalar step fields.</summary>
    public StepRollupAccumulator StepRollups { get; }

    /// <summary>Recorder-thread state: the open chunk of every layer.</summary>
    public ChunkBuffer Chunks { get; }

    /// <summary>Set by the recorder when a batch holding this run's steps could not be written; the next step throws it.</summary>
    public Exception? RecorderFault { get; set; }

    /// <summary>Time the training thread spent waiting for room in the queue.</summary>
    public TimeSpan WaitedOnRecorder => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    public void OnStep(StepRecord record)
    {
        if (RecorderFault is { } fault) throw new InvalidOperationException("The recorder could not store this run's steps.", fault);
        if (record.Step % _recordEvery != 0 && record.Step != _totalSteps) return;
        var frame = Rent();
        frame.CopyFrom(record);
        StepDetector.Inspect(frame);
        Enqueue(frame);
    }

    /// <summary>Queues a checkpoint taken after <paramref name="step"/>; it is stored with the steps queued before it.</summary>
    public void Checkpoint(int step, byte[] data) => Enqueue(new CheckpointItem { Run = this, Step = step, Data = data });

    /// <summary>Queues an event found outside the step loop (divergence).</summary>
    public void Event(RunEventMessage message) => Enqueue(new EventItem { Run = this, Message = message });

    /// <summary>Completes when everything queued so far is committed.</summary>
    public async Task FlushAsync(CancellationToken cancel)
    {
        var flush = new FlushItem { Run = this };
        await _queue.Writer.WriteAsync(flush, cancel);
        await flush.Committed.Task.WaitAsync(cancel);
    }

    public void Return(StepFrame frame) => _pool.Enqueue(frame);

    private StepFrame Rent() =>
        _pool.TryDequeue(out var frame) ? frame : new StepFrame(LayerCount, _recurrentLayers, _gates, _sequenceLength) { Run = this };

    private void Enqueue(TelemetryItem item)
    {
        if (_queue.Writer.TryWrite(item)) return;
        var started = Stopwatch.GetTimestamp();
        // Back-pressure: the training thread is a dedicated thread, so blocking it here is the intended wait.
        _queue.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
        Interlocked.Add(ref _waitTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }
}

/// <summary>An event to store with the run's steps.</summary>
public sealed class EventItem : TelemetryItem
{
    public required RunEventMessage Message { get; init; }
}
