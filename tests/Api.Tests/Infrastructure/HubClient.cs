using System.Text.Json.Serialization;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>A SignalR client of the runs hub (over the test server, or an Api process), recording every step and status it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<int> _steps = [];
    private readonly List<(int Step, TaskCompletionSource Reached)> _waiters = [];
    private readonly TaskCompletionSource<RunStatusMessage> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Guid? _subscribed;
    private volatile bool _stopping;

    /// <param name="protocol">The hub protocol the client speaks: "json" (scripts, other clients) or "messagepack" (the dashboard).</param>
    public HubClient(WebApplicationFactory<Program> factory, string protocol = "json")
        : this(new HubConnectionBuilder().WithUrl(new Uri(factory.Server.BaseAddress, HubRoutes.Runs.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            }), protocol)
    {
    }

    /// <summary>
    /// A client of an Api process at <paramref name="address"/> over WebSockets, as the dashboard's RunStream connects: when
    /// the connection drops, or the server closes it (a slow client, a gap in the live feed), it connects again (every half
    /// second, without giving up) and subscribes again with the last step it holds.
    /// </summary>
    public HubClient(Uri address)
        : this(new HubConnectionBuilder().WithUrl(new Uri(address, HubRoutes.Runs.TrimStart('/'))).WithAutomaticReconnect(new EveryHalfSecond()), "messagepack")
    {
        _connection.Reconnected += _ => ResumeAsync();
        _connection.Closed += async _ =>
        {
            while (!_stopping)
            {
                await Task.Delay(500);
                try
                {
                    await _connection.StartAsync();
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
                {
                    continue;
                }
                await ResumeAsync();
                return;
            }
        };
    }

    private async Task ResumeAsync()
    {
        Reconnects++;
        if (_subscribed is { } run) await SubscribeAsync(run, LastStep);
    }
    private HubClient(IHubConnectionBuilder builder, string protocol)
    {
        _connection = protocol switch
        {
            "json" => builder.AddJsonProtocol(json => json.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals).Build(),
            "messagepack" => builder.AddMessagePackProtocol().Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "json or messagepack"),
        };
        _connection.On<StepBatch>(nameof(IRunStreamClient.StepBatch), OnBatch);
        _connection.On<LiveDigest>(nameof(IRunStreamClient.LiveDigest), digest =>
        {
            lock (_lock)
            {
                Digests.Add(digest);
                Release(digest.LastStep);
            }
        });
        _connection.On<RunStatusMessage>(nameof(IRunStreamClient.StatusChanged), status =>
        {
            Statuses.Add(status);
            if (status.Status.IsFinal()) _finished.TrySetResult(status);
        });
    }

    /// <summary>How many times the connection dropped or was closed by the server and came back on its own.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Drops the connection and connects again, subscribing with the last step held (what the dashboard does after a network break).</summary>
    public async Task ReconnectAsync()
    {
        _stopping = true;
        await _connection.StopAsync();
        _stopping = false;
        await _connection.StartAsync();
        if (_subscribed is { } run) await SubscribeAsync(run, LastStep);
    }

    /// <summary>Every step received, in arrival order (duplicates included, so tests can see them).</summary>
    public IReadOnlyList<int> Steps { get { lock (_lock) return [.. _steps]; } }

    public List<StepBatch> Batches { get; } = [];

    /// <summary>The digests received by a subscription with a live view (<see cref="SubscribeAsync(Guid, int, LiveView)"/>).</summary>
    public List<LiveDigest> Digests { get; } = [];

    public System.Collections.Concurrent.ConcurrentBag<RunStatusMessage> Statuses { get; } = [];

    public int LastStep { get { lock (_lock) return _steps.Count == 0 ? 0 : _steps.Max(); } }

    /// <summary>Completes with the first final status received (completed, cancelled, failed, diverged).</summary>
    public Task<RunStatusMessage> FinishedAsync() => _finished.Task.WaitAsync(RunWaiter.Timeout);

    public Task StartAsync() => _connection.StartAsync();

    public Task<SubscribeResult> SubscribeAsync(Guid runId, int lastStep)
    {
        _subscribed = runId;
        return _connection.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), runId, lastStep);
    }

    /// <summary>Subscribes with a negotiated live view: live steps then arrive as <see cref="Digests"/>.</summary>
    public Task<SubscribeResult> SubscribeAsync(Guid runId, int lastStep, LiveView view)
    {
        _subscribed = runId;
        return _connection.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRunView), runId, lastStep, view);
    }

    /// <summary>Completes once a step at or after <paramref name="step"/> arrived (in a batch, or covered by a digest).</summary>
    public Task ReachedAsync(int step)
    {
        lock (_lock)
        {
            if (Through >= step) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((step, reached));
            return reached.Task.WaitAsync(RunWaiter.Timeout);
        }
    }

    private void OnBatch(StepBatch batch)
    {
        lock (_lock)
        {
            Batches.Add(batch);
            _steps.AddRange(batch.Steps.Select(s => s.Step));
            Release(Through);
        }
    }

    /// <summary>The newest step held, from batches or digests (under the lock).</summary>
    private int Through => Math.Max(_steps.Count == 0 ? 0 : _steps.Max(), Digests.Count == 0 ? 0 : Digests.Max(d => d.LastStep));

    private void Release(int through)
    {
        foreach (var waiter in _waiters.Where(w => w.Step <= through).ToList())
        {
            waiter.Reached.TrySetResult();
            _waiters.Remove(waiter);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _connection.DisposeAsync();
    }

    private sealed class EveryHalfSecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(500);
    }
}
