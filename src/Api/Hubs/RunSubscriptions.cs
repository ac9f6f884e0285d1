using GradientService.Api.Options;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Hubs;

/// <summary>
/// Which connections watch which runs. Fan-out goes through SignalR's own <c>Clients.Client(id)</c>, so a Redis
/// backplane can carry it later; what stays in this process is the per-connection outbox that keeps one slow client
/// from delaying the others (a group send waits for its slowest socket).
/// </summary>
public sealed class RunSubscriptions(IHubContext<RunsHub, IRunStreamClient> hub, IOptions<StreamingOptions> options, ILogger<RunSubscriptions> logger)
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

    /// <summary>Registers a subscriber whose outbox starts filling now; call <see cref="Start"/> after the backfill.</summary>
    public Subscriber Add(Guid runId, HubCallerContext context)
    {
        var subscriber = new Subscriber(runId, context, _backlog);
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
        var client = hub.Clients.Client(subscriber.ConnectionId);
        _ = Task.Run(() => subscriber.SendLoopAsync(client, sentThrough, e => Log.SendFailed(logger, subscriber.ConnectionId, e)));
    }

    public void Remove(string connectionId, Guid? runId = null)
    {
        lock (_lock) RemoveLocked(connectionId, runId);
    }

    /// <summary>Queues <paramref name="message"/> for every subscriber of the run; one whose outbox is full is disconnected.</summary>
    public void Deliver(Guid runId, object message)
    {
        List<Subscriber>? dropped = null;
        lock (_lock)
        {
            if (!_byRun.TryGetValue(runId, out var list)) return;
            foreach (var subscriber in list)
                if (!subscriber.TryDeliver(message)) (dropped ??= []).Add(subscriber);
        }
        if (dropped is null) return;
        foreach (var subscriber in dropped)
        {
            Log.SlowClientDropped(logger, subscriber.ConnectionId, subscriber.Backlog);
            Remove(subscriber.ConnectionId, runId);
            subscriber.Context.Abort(); // the client reconnects and backfills from its last step
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
