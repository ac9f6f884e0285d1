using System.Diagnostics;
using GradientService.Api.Options;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The single reader of the telemetry queue: lets steps gather for <see cref="StorageOptions.BatchInterval"/>, takes
/// whatever is queued (up to <see cref="StorageOptions.MaxBatchSteps"/> steps), writes it in one transaction
/// (<see cref="ITelemetryWriter"/>), then publishes the committed steps on the live feed and hands the frames back to their pools.
/// On shutdown it keeps draining until the queue is empty, so the workers' last batches are committed. A transient failure
/// of the store (<see cref="ITelemetryWriter.IsTransient"/>: a restarting server) is retried with a bounded backoff until
/// the batch is committed (its items stay pending; the training threads wait once the queue is full); any other failure
/// faults the batch's runs.
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
            await CommitAsync(writer, stoppingToken);
        }
        while (reader.TryPeek(out _)) await CommitAsync(writer, stoppingToken);
    }

    private async Task CommitAsync(ITelemetryWriter writer, CancellationToken stopping)
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                writer.WriteBatch(_batch);
                break;
            }
            catch (Exception e) when (writer.IsTransient(e) && !stopping.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, attempt - 1), 5000)); // 0.1 s doubling to 5 s
                Log.RecorderRetrying(logger, _batch.Count, attempt, delay.TotalMilliseconds, e);
                try { await Task.Delay(delay, clock, stopping); } catch (OperationCanceledException) { /* one last attempt */ }
            }
            catch (Exception e)
            {
                Log.RecorderFailed(logger, _batch.Count, e);
                Fail(e);
                return;
            }
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
