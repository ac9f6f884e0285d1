using System.Diagnostics;
using GradientService.Api.Options;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The single reader of the telemetry queue: lets steps gather for <see cref="StorageOptions.BatchInterval"/>, takes
/// whatever is queued (up to <see cref="StorageOptions.MaxBatchSteps"/> steps), writes it in one transaction
/// (<see cref="ITelemetryWriter"/>), then publishes the committed steps on the live feed and hands the frames back to their pools.
/// On shutdown it keeps draining until the queue is empty, so the workers' last batches are committed.
/// </summary>
public sealed class Recorder(
    TelemetryQueue queue,
    Func<ITelemetryWriter> openWriter,
    ILiveFeed feed,
    ServiceMetrics metrics,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<Recorder> logger) : BackgroundService
{
    private readonly List<TelemetryItem> _batch = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var writer = openWriter(); // here, not in the constructor: the store is migrated by then
        var reader = queue.Reader;
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(stoppingToken)) break;
                if (queue.Count < storage.Value.MaxBatchSteps && storage.Value.BatchInterval > TimeSpan.Zero)
                    await Task.Delay(storage.Value.BatchInterval, clock, stoppingToken); // let a batch gather (see BatchInterval)
            }
            catch (OperationCanceledException)
            {
                break;
            }
            Commit(writer);
        }
        while (reader.TryPeek(out _)) Commit(writer);
    }

    private void Commit(ITelemetryWriter writer)
    {
        _batch.Clear();
        var steps = 0;
        while (steps < storage.Value.MaxBatchSteps && queue.Reader.TryRead(out var item))
        {
            _batch.Add(item);
            if (item is StepFrame) steps++;
        }
        if (_batch.Count == 0) return;
        var started = Stopwatch.GetTimestamp();
        try
        {
            writer.WriteBatch(_batch);
        }
        catch (Exception e)
        {
            Log.RecorderFailed(logger, _batch.Count, e);
            Fail(e);
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.BatchCommitted(steps, elapsed, queue.Count);
        Log.BatchCommitted(logger, steps, elapsed.TotalMilliseconds);
        feed.Publish(_batch);
        foreach (var item in _batch)
        {
            if (item is StepFrame frame) frame.Run.Return(frame);
            else if (item is FlushItem flush) flush.Committed.TrySetResult();
        }
    }

    private void Fail(Exception e)
    {
        foreach (var item in _batch)
        {
            item.Run.RecorderFault = e;
            if (item is FlushItem flush) flush.Committed.TrySetException(e);
        }
    }
}
