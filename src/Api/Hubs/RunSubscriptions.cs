using Microsoft.AspNetCore.SignalR;
using GradientService.Api.Options;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Hubs;

/// <summary>
/// Which connections of this process watch which runs. Each subscriber has its own outbox, which keeps one slow client
/// from delaying the others (a group send waits for its slowest socket); a message is serialised once for all of them
/// (<see cref="LiveMessage"/>). Runs trained by another instance reach this one through the live feed (Redis).
/// </summary>
public sealed class RunSubscriptions(ILiveTransport transport, IOptions<StreamingOptions> options, ILogger<RunSubscriptions> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, List<Subscriber>> _byRun = [];
    private readonly int _backlog = options.Value.ClientBacklog;

    public bool Has(Guid runId)
    {
        lock (_lock) return _byRun.ContainsKey(runId);
    }

    public int Count
    {
        get { lock (_lock) return _byRun.Values.Sum(s => s.Count); }
    }

    /// <summary>
    /// Registers a subscriber whose outbox starts filling now; call <see cref="Start"/> after the backfill. A live view's
    /// digests are timed by <paramref name="clock"/> (the hub's).
    /// </summary>
    public Subscriber Add(Guid runId, HubCallerContext context, LiveView? view = null, TimeProvider? clock = null)
    {
        var subscriber = new Subscriber(runId, context, _backlog, view, clock);
        lock (_lock)
        {
            RemoveLocked(context.ConnectionId, runId);
            if (!_byRun.TryGetValue(runId, out var list)) _byRun[runId] = list = [];
            list.Add(subscriber);
        }
        return subscriber;
    }

    public void Start(Subscriber subscriber, int sentThrough)
    {
        if (transport.SenderFor(subscriber.ConnectionId) is not { } send)
        {
            Remove(subscriber.ConnectionId, subscriber.RunId); // disconnected during the backfill
            return;
        }
        _ = Task.Run(() => subscriber.SendLoopAsync(send, sentThrough, e => Log.SendFailed(logger, subscriber.ConnectionId, e)));
    }

    public void Remove(string connectionId, Guid? runId = null)
    {
        lock (_lock) RemoveLocked(connectionId, runId);
    }

    /// <summary>
    /// Queues <paramref name="message"/> for every subscriber of the run; one whose outbox is full is disconnected.
    /// <paramref name="whole"/>: the batch before its layer frames were thinned, for subscribers that aggregate (<see cref="LiveMessage"/>).
    /// </summary>
    public void Deliver(Guid runId, object message, StepBatch? whole = null)
    {
        List<Subscriber>? dropped = null;
        lock (_lock)
        {
            if (!_byRun.TryGetValue(runId, out var list)) return;
            var live = new LiveMessage(message, whole);
            foreach (var subscriber in list)
                if (!subscriber.TryDeliver(live)) (dropped ??= []).Add(subscriber);
        }
        if (dropped is null) return;
        foreach (var subscriber in dropped)
        {
            Log.SlowClientDropped(logger, subscriber.ConnectionId, subscriber.Backlog);
            Remove(subscriber.ConnectionId, runId);
            subscriber.Context.Abort(); // the client reconnects and backfills from its last step
        }
    }

    /// <summary>
    /// Disconnects every subscriber of <paramref name="runId"/> (all runs when null): the live feed lost messages, so they
    /// reconnect and read what they missed from the store (the dashboard and the hub's clients resubscribe with their last step).
    /// </summary>
    public void Resync(Guid? runId = null)
    {
        List<Subscriber> dropped;
        lock (_lock) dropped = [.. _byRun.Where(r => runId == null || r.Key == runId).SelectMany(r => r.Value)];
        Log.SubscribersResynced(logger, dropped.Count);
        foreach (var subscriber in dropped)
        {
            Remove(subscriber.ConnectionId);
            subscriber.Context.Abort();
        }
    }

    private void RemoveLocked(string connectionId, Guid? runId)
    {
        foreach (var (run, list) in _byRun.ToList())
        {
            if (runId is { } only && run != only) continue;
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].ConnectionId != connectionId) continue;
                list[i].Complete();
                list.RemoveAt(i);
            }
            if (list.Count == 0) _byRun.Remove(run);
        }
    }
}
