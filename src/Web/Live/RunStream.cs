using GradientService.Contracts.Wire;
using GradientService.Web.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GradientService.Web.Live;

/// <summary>
/// One <see cref="HubConnection"/> for the whole app, with automatic reconnect. Handlers are registered under
/// <c>nameof</c> of the shared hub interfaces; after a reconnect every subscription is renewed with the last step it holds,
/// and the hub sends what was missed before anything new.
/// </summary>
public sealed class RunStream : IRunStream, IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly List<RunSubscription> _subscriptions = [];
    private Task? _starting;

    public RunStream(NavigationManager navigation, ApiKeyStore keys)
    {
        _hub = new HubConnectionBuilder()
            // The key goes as ?access_token= (browsers cannot set headers on a WebSocket); read again on every (re)connect.
            .WithUrl(navigation.ToAbsoluteUri(HubRoutes.Runs), options => options.AccessTokenProvider = async () => await keys.LoadAsync())
            .WithAutomaticReconnect(new ForeverRetry())
            // MessagePack, not JSON: a 100-layer batch is tens of thousands of doubles, and the WebAssembly interpreter
            // reads 8-byte binary numbers many times faster than it parses them from text (the server speaks both).
            .AddMessagePackProtocol()
            .Build();
        _hub.On<StepBatch>(nameof(IRunStreamClient.StepBatch), OnBatch);
        _hub.On<LiveDigest>(nameof(IRunStreamClient.LiveDigest), OnDigest);
        _hub.On<RunStatusMessage>(nameof(IRunStreamClient.StatusChanged), OnStatus);
        _hub.Reconnecting += _ =>
        {
            Announce(LinkState.Reconnecting);
            return Task.CompletedTask;
        };
        _hub.Reconnected += _ => ResumeAllAsync();
        _hub.Closed += _ =>
        {
            Announce(LinkState.Reconnecting);
            return RestartAsync();
        };
    }

    public LinkState State { get; private set; } = LinkState.Connecting;

    public int Reconnects { get; private set; }

    public Task ConnectAsync() => EnsureStartedAsync();

    public async Task<IAsyncDisposable> SubscribeAsync(Guid runId, int lastStep, IRunObserver observer, LiveView? view = null, CancellationToken cancel = default)
    {
        var subscription = new RunSubscription(this, runId, lastStep, observer, view);
        _subscriptions.Add(subscription);
        observer.OnLinkChanged(State);
        await EnsureStartedAsync();
        if (_hub.State == HubConnectionState.Connected) await SubscribeOnHubAsync(subscription, resumed: false, cancel);
        return subscription;
    }

    internal async ValueTask RemoveAsync(RunSubscription subscription)
    {
        _subscriptions.Remove(subscription);
        if (_hub.State != HubConnectionState.Connected || _subscriptions.Any(s => s.RunId == subscription.RunId)) return;
        try
        {
            await _hub.InvokeAsync(nameof(IRunsHub.Unsubscribe), subscription.RunId);
        }
        catch (Exception e) when (IsConnectionLoss(e))
        {
            // The connection went away meanwhile: the server drops its subscriptions with it.
        }
    }

    private Task EnsureStartedAsync()
    {
        if (_hub.State != HubConnectionState.Disconnected) return _starting ?? Task.CompletedTask;
        return _starting = StartAsync();
    }

    private async Task StartAsync()
    {
        Announce(LinkState.Connecting);
        try
        {
            await _hub.StartAsync();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            Announce(LinkState.Offline);
            _ = RetryStartAsync();
            return;
        }
        Announce(LinkState.Live);
    }

    /// <summary>The connection could not start or closed for good (server down): keep trying, then subscribe everything again.</summary>
    private async Task RetryStartAsync()
    {
        var attempt = 0;
        while (_hub.State == HubConnectionState.Disconnected && _subscriptions.Count > 0)
        {
            await Task.Delay(new ForeverRetry().NextRetryDelay(new RetryContext { PreviousRetryCount = ++attempt }) ?? TimeSpan.FromSeconds(2));
            try
            {
                await _hub.StartAsync();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
            {
                continue;
            }
            await ResumeAllAsync();
        }
    }

    private Task RestartAsync() => _subscriptions.Count == 0 ? Task.CompletedTask : RetryStartAsync();

    private async Task ResumeAllAsync()
    {
        Reconnects++;
        Announce(LinkState.Live);
        foreach (var subscription in _subscriptions.ToList())
            await SubscribeOnHubAsync(subscription, resumed: true, CancellationToken.None);
    }

    private async Task SubscribeOnHubAsync(RunSubscription subscription, bool resumed, CancellationToken cancel)
    {
        SubscribeResult result;
        try
        {
            result = subscription.View is { } view
                ? await _hub.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRunView), subscription.RunId, subscription.LastStep, view, cancel)
                : await _hub.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), subscription.RunId, subscription.LastStep, cancel);
        }
        catch (Exception e) when (IsConnectionLoss(e))
        {
            return; // the connection dropped mid-call; the reconnect subscribes again from the last step delivered
        }
        if (!subscription.Disposed) subscription.Observer.OnSubscribed(result, resumed);
    }

    /// <summary>
    /// How a hub call ends when the connection drops under it: the hub's own errors, a closed connection, a cancelled
    /// call, or the transport's failure itself (a WebSocket closed mid-receive surfaces as its WebSocketException).
    /// </summary>
    private static bool IsConnectionLoss(Exception e) =>
        e is HubException or InvalidOperationException or OperationCanceledException or System.Net.WebSockets.WebSocketException or IOException;

    private void OnBatch(StepBatch batch)
    {
        foreach (var subscription in _subscriptions.Where(s => s.RunId == batch.RunId).ToList())
        {
            if (batch.LastStep <= subscription.LastStep) continue;
            subscription.Observer.OnBatch(batch);
            subscription.LastStep = batch.LastStep;
        }
    }

    private void OnDigest(LiveDigest digest)
    {
        foreach (var subscription in _subscriptions.Where(s => s.RunId == digest.RunId).ToList())
        {
            if (digest.LastStep <= subscription.LastStep) continue;
            subscription.Observer.OnDigest(digest);
            subscription.LastStep = digest.LastStep;
        }
    }

    private void OnStatus(RunStatusMessage status)
    {
        foreach (var subscription in _subscriptions.Where(s => s.RunId == status.RunId).ToList())
            subscription.Observer.OnStatus(status);
    }

    private void Announce(LinkState state)
    {
        State = state;
        foreach (var subscription in _subscriptions.ToList()) subscription.Observer.OnLinkChanged(state);
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
