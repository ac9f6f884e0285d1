using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Hubs;

/// <summary>
/// Live runs over SignalR. A client subscribes with the last step it holds; it gets the stored steps after that, then
/// live batches (at most ~20 per second per run) and status changes, each step exactly once per subscription. A client
/// that negotiates a <see cref="LiveView"/> gets the live steps as digests shaped to what it draws instead.
/// </summary>
public sealed class RunsHub(RunStore runs, Backfill backfill, RunSubscriptions subscriptions, ILiveFeed feed, TimeProvider clock) : Hub<IRunStreamClient>, IRunsHub
{
    public Task<SubscribeResult> SubscribeToRun(Guid runId, int lastStep) => SubscribeAsync(runId, lastStep, null);

    public Task<SubscribeResult> SubscribeToRunView(Guid runId, int lastStep, LiveView view)
    {
        if (view is null) throw new HubException("view is required: { updatesPerSecond, columns }.");
        if (view.Problems() is { Count: > 0 } problems) throw new HubException($"Invalid live view: {string.Join(" ", problems)}");
        return SubscribeAsync(runId, lastStep, view);
    }

    private async Task<SubscribeResult> SubscribeAsync(Guid runId, int lastStep, LiveView? view)
    {
        var cancel = Context.ConnectionAborted;
        var run = await runs.FindAsync(runId, cancel);
        if (run is null) return new SubscribeResult(false, RunStatus.Queued, 0, lastStep);
        // Register first: every batch committed from now on, here or on another instance, is queued for us; the store
        // holds everything before.
        var subscriber = subscriptions.Add(runId, Context, view, clock);
        int through;
        try
        {
            await feed.WatchAsync(runId, cancel);
            through = await backfill.SendAsync(run, Math.Max(0, lastStep), Clients.Caller, cancel);
            run = await runs.FindAsync(runId, cancel) ?? run;
            await Clients.Caller.StatusChanged(RunMapping.ToStatusMessage(run, clock.GetUtcNow().UtcDateTime));
        }
        catch
        {
            subscriptions.Remove(Context.ConnectionId, runId);
            throw;
        }
        subscriptions.Start(subscriber, through);
        return new SubscribeResult(true, run.Status, run.StepsDone, through);
    }

    public Task Unsubscribe(Guid runId)
    {
        subscriptions.Remove(Context.ConnectionId, runId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
