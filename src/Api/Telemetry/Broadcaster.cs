using System.Collections.Concurrent;
using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Telemetry;

/// <summary>
/// Reads committed steps and status changes from the live feed, coalesces the steps per run and sends each run's
/// subscribers at most one batch per <see cref="StreamingOptions.Interval"/> (20 per second by default). Only committed
/// steps are broadcast, so a client that subscribes and reads the store's backfill can never miss a step. Nothing here
/// waits on a client: messages go into each subscriber's bounded outbox (<see cref="RunSubscriptions"/>).
/// </summary>
public sealed class Broadcaster(ILiveFeed feed, RunSubscriptions subscriptions, IOptions<StreamingOptions> options, TimeProvider clock) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, PendingSteps> _pending = new();
    private readonly StreamingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(ReadFeedAsync(stoppingToken), TickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }

    private async Task ReadFeedAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in feed.ReadAllAsync(stoppingToken))
        {
            switch (message)
            {
                case StepBatch batch:
                    Add(batch);
                    break;
                case RunStatusMessage status:
                    Send(status);
                    break;
            }
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var pending in _pending.Values)
                lock (pending) if (!pending.IsEmpty) Flush(pending);
        }
    }

    /// <summary>Queues a run's committed steps for the next tick, when someone here watches the run.</summary>
    private void Add(StepBatch batch)
    {
        if (!subscriptions.Has(batch.RunId)) return;
        var pending = _pending.GetOrAdd(batch.RunId, id => new PendingSteps(id));
        lock (pending) pending.Add(batch);
    }

    /// <summary>Sends the run's pending steps, then the status change, in that order.</summary>
    private void Send(RunStatusMessage status)
    {
        var pending = _pending.GetOrAdd(status.RunId, id => new PendingSteps(id));
        lock (pending)
        {
            while (!pending.IsEmpty) Flush(pending);
            subscriptions.Deliver(status.RunId, status);
        }
        if (status.Status.IsFinal()) _pending.TryRemove(status.RunId, out _);
    }

    /// <summary>One message: up to MaxStepsPerMessage steps, their layer frames within the value budget, their events, and every pending episode's newest state.</summary>
    private void Flush(PendingSteps p)
    {
        var take = Math.Min(p.Steps.Count, _options.MaxStepsPerMessage);
        var last = take > 0 ? p.Steps[take - 1].Step : int.MaxValue;
        var steps = p.Steps.GetRange(0, take);
        p.Steps.RemoveRange(0, take);
        var layers = Take(p.Layers, f => f.Step <= last);
        var recurrent = Take(p.Recurrent, f => f.Step <= last);
        var outputDepths = Take(p.OutputDepths, f => f.Step <= last);
        var events = Take(p.Events, e => e.Step <= last);
        var episodes = p.TakeEpisodes();
        if (steps.Count == 0 && events.Count == 0 && episodes.Count == 0) return;
        var first = steps.Count > 0 ? steps[0].Step : events.Count > 0 ? events[0].Step : episodes.Max(e => e.LastStep);
        var lastStep = steps.Count > 0 ? steps[^1].Step : events.Count > 0 ? events[^1].Step : first;
        var whole = new StepBatch(p.RunId, first, lastStep, steps, layers, false, recurrent, events, episodes, outputDepths);
        var eventSteps = events.Select(e => e.Step).ToHashSet();
        var (frames, thinned) = BatchThinning.Fit(layers, eventSteps, _options.MaxLayerValuesPerMessage);
        if (!thinned)
        {
            subscriptions.Deliver(p.RunId, whole);
            return;
        }
        var keptSteps = frames.Select(f => f.Step).ToHashSet();
        // Plain subscribers get the thinned batch; subscribers with a live view aggregate the whole one.
        subscriptions.Deliver(p.RunId, whole with
        {
            Layers = frames, LayersThinned = true,
            Recurrent = [.. recurrent.Where(r => keptSteps.Contains(r.Step))],
            OutputDepths = [.. outputDepths.Where(r => keptSteps.Contains(r.Step))],
        }, whole);
    }

    private static List<T> Take<T>(List<T> source, Func<T, bool> include)
    {
        var count = 0;
        while (count < source.Count && include(source[count])) count++;
        var taken = source.GetRange(0, count);
        source.RemoveRange(0, count);
        return taken;
    }
}
