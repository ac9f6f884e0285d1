using GradientService.Api.Hubs;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Connections without SignalR: one <see cref="RecordingClient"/> per connection; "stalled" never completes a send.</summary>
public sealed class FakeHub : ILiveTransport
{
    private readonly Dictionary<string, RecordingClient> _clients = [];

    public RecordingClient Client(string connectionId)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(connectionId, out var client)) _clients[connectionId] = client = new RecordingClient(stalls: connectionId == "stalled");
            return client;
        }
    }

    public Func<LiveMessage, ValueTask>? SenderFor(string connectionId)
    {
        var client = Client(connectionId);
        return message => new ValueTask(client.Sent(message) switch
        {
            StepBatch batch => client.StepBatch(batch),
            LiveDigest digest => client.LiveDigest(digest),
            RunStatusMessage status => client.StatusChanged(status),
            _ => throw new ArgumentException("Not a live message.", nameof(message)),
        });
    }
}

/// <summary>Records what a connection was sent, in order: <see cref="StepBatch"/>es and <see cref="RunStatusMessage"/>s.</summary>
public sealed class RecordingClient(bool stalls) : IRunStreamClient
{
    private readonly List<object> _messages = [];
    private readonly TaskCompletionSource _never = new();
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<object> Messages { get { lock (_messages) return [.. _messages]; } }

    public IReadOnlyList<int> Steps { get { lock (_messages) return [.. _messages.OfType<StepBatch>().SelectMany(b => b.Steps).Select(s => s.Step)]; } }

    /// <summary>The live messages handed to this connection, as they were handed (the same instance for every subscriber when serialised once).</summary>
    public List<LiveMessage> Live { get; } = [];

    public object Sent(LiveMessage message)
    {
        lock (_messages) Live.Add(message);
        return message.Payload;
    }

    public Task StepBatch(StepBatch batch) => Record(batch);

    public Task LiveDigest(LiveDigest digest) => Record(digest);

    public Task StatusChanged(RunStatusMessage status) => Record(status);

    /// <summary>Completes once <paramref name="count"/> steps have arrived (fails after 30 s).</summary>
    public Task Received(int count) => Until(() => Steps.Count >= count);

    /// <summary>Completes once a status change has arrived (fails after 30 s).</summary>
    public Task ReceivedStatus() => Until(() => Messages.OfType<RunStatusMessage>().Any());

    private Task Record(object message)
    {
        if (stalls) return _never.Task;
        lock (_messages)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Done())) waiter.Signal.TrySetResult();
        }
        return Task.CompletedTask;
    }

    private Task Until(Func<bool> done)
    {
        lock (_messages)
        {
            if (done()) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((done, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

/// <summary>A hub caller that records whether it was aborted.</summary>
public sealed class FakeCaller(string connectionId) : HubCallerContext
{
    public bool Aborted { get; private set; }

    public override string ConnectionId => connectionId;

    public override string? UserIdentifier => null;

    public override System.Security.Claims.ClaimsPrincipal? User => null;

    public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    public override Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

    public override CancellationToken ConnectionAborted => CancellationToken.None;

    public override void Abort() => Aborted = true;
}
