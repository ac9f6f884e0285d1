using System.Text.Json.Serialization;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>A SignalR client of the runs hub over the test server, recording every step and status it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<int> _steps = [];
    private readonly List<(int Step, TaskCompletionSource Reached)> _waiters = [];
    private readonly TaskCompletionSource<RunStatusMessage> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="protocol">The hub protocol the client speaks: "json" (scripts, other clients) or "messagepack" (the dashboard).</param>
    public HubClient(WebApplicationFactory<Program> factory, string protocol = "json")
    {
        var server = factory.Server;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, HubRoutes.Runs.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            });
        _connection = protocol switch
        {
            "json" => builder.AddJsonProtocol(json => json.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals).Build(),
            "messagepack" => builder.AddMessagePackProtocol().Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "json or messagepack"),
        };
        _connection.On<StepBatch>(nameof(IRunStreamClient.StepBatch), OnBatch);
        _connection.On<RunStatusMessage>(nameof(IRunStreamClient.StatusChanged), status =>
        {
            Statuses.Add(status);
            if (status.Status.IsFinal()) _finished.TrySetResult(status);
        });
    }

    /// <summary>Every step received, in arrival order (duplicates included, so tests can see them).</summary>
    public IReadOnlyList<int> Steps { get { lock (_lock) return [.. _steps]; } }

    public List<StepBatch> Batches { get; } = [];

    public System.Collections.Concurrent.ConcurrentBag<RunStatusMessage> Statuses { get; } = [];

    public int LastStep { get { lock (_lock) return _steps.Count == 0 ? 0 : _steps.Max(); } }

    /// <summary>Completes with the first final status received (completed, cancelled, failed, diverged).</summary>
    public Task<RunStatusMessage> FinishedAsync() => _finished.Task.WaitAsync(RunWaiter.Timeout);

    public Task StartAsync() => _connection.StartAsync();

    public Task<SubscribeResult> SubscribeAsync(Guid runId, int lastStep) =>
        _connection.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), runId, lastStep);

    /// <summary>Completes once a step at or after <paramref name="step"/> arrived.</summary>
    public Task ReachedAsync(int step)
    {
        lock (_lock)
        {
            if (_steps.Count > 0 && _steps.Max() >= step) return Task.CompletedTask;
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
            var last = _steps.Count == 0 ? 0 : _steps.Max();
            foreach (var waiter in _waiters.Where(w => w.Step <= last).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
