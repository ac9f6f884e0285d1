using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace GradientService.Api.Tests.Hubs;

public sealed class RunSubscriptionsTests
{
    private static readonly Guid RunId = Guid.NewGuid();

    private static StepPoint Point(int step) => new(step, [1, 0, 0, 0, 0, 1, 1, 1]);

    private static StepBatch Batch(int step) => new(RunId, step, step, [Point(step)], [], false, [], []);

    [Fact]
    public async Task Deliver_OneClientStopsReading_OthersGetEveryBatchAndTheStalledOneIsDisconnected()
    {
        var hub = new FakeHub();
        var subscriptions = new RunSubscriptions(hub, Microsoft.Extensions.Options.Options.Create(new StreamingOptions { ClientBacklog = 10 }), NullLogger<RunSubscriptions>.Instance);
        var stalled = new FakeCaller("stalled");
        var reader = new FakeCaller("reader");
        subscriptions.Start(subscriptions.Add(RunId, stalled), 0);
        subscriptions.Start(subscriptions.Add(RunId, reader), 0);

        for (var step = 1; step <= 200; step++)
        {
            subscriptions.Deliver(RunId, Batch(step));
            await hub.Client("reader").Received(step); // a client that keeps up, at the broadcaster's pace
        }

        Assert.Equal(Enumerable.Range(1, 200), hub.Client("reader").Steps);
        Assert.True(stalled.Aborted);
        Assert.False(reader.Aborted);
        Assert.Equal(1, subscriptions.Count);
    }

    [Fact]
    public void Trim_BatchOverlappingTheBackfill_KeepsOnlyLaterSteps()
    {
        var batch = new StepBatch(RunId, 5, 8, [.. Enumerable.Range(5, 4).Select(Point)], [], false, [],
            [new RunEventMessage(6, RunEventKinds.Clipping, null, 2, "clip"), new RunEventMessage(8, RunEventKinds.Clipping, null, 3, "clip")]);

        var trimmed = Subscriber.Trim(batch, 6);

        Assert.Equal([7, 8], trimmed!.Steps.Select(s => s.Step));
        Assert.Equal(7, trimmed.FirstStep);
        Assert.Equal([8], trimmed.Events.Select(e => e.Step));
        Assert.Null(Subscriber.Trim(batch, 8));
    }

    /// <summary>Per connection: "stalled" never completes a send; others record what they get.</summary>
    private sealed class FakeHub : IHubContext<RunsHub, IRunStreamClient>, IHubClients<IRunStreamClient>
    {
        private readonly Dictionary<string, RecordingClient> _clients = [];

        public IHubClients<IRunStreamClient> Clients => this;

        public IGroupManager Groups => throw new NotSupportedException();

        public RecordingClient Client(string connectionId)
        {
            lock (_clients)
            {
                if (!_clients.TryGetValue(connectionId, out var client)) _clients[connectionId] = client = new RecordingClient(stalls: connectionId == "stalled");
                return client;
            }
        }

        IRunStreamClient IHubClients<IRunStreamClient>.Client(string connectionId) => Client(connectionId);

        public IRunStreamClient All => throw new NotSupportedException();

        public IRunStreamClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        IRunStreamClient IHubClients<IRunStreamClient>.Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IRunStreamClient Group(string groupName) => throw new NotSupportedException();

        public IRunStreamClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        IRunStreamClient IHubClients<IRunStreamClient>.Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IRunStreamClient User(string userId) => throw new NotSupportedException();

        public IRunStreamClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }

    private sealed class RecordingClient(bool stalls) : IRunStreamClient
    {
        private readonly List<int> _steps = [];
        private readonly TaskCompletionSource _never = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

        public IReadOnlyList<int> Steps { get { lock (_steps) return [.. _steps]; } }

        public Task StepBatch(StepBatch batch)
        {
            if (stalls) return _never.Task;
            lock (_steps)
            {
                _steps.AddRange(batch.Steps.Select(s => s.Step));
                foreach (var waiter in _waiters.Where(w => _steps.Count >= w.Count)) waiter.Done.TrySetResult();
            }
            return Task.CompletedTask;
        }

        public Task StatusChanged(RunStatusMessage status) => stalls ? _never.Task : Task.CompletedTask;

        public Task Received(int count)
        {
            lock (_steps)
            {
                if (_steps.Count >= count) return Task.CompletedTask;
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    private sealed class FakeCaller(string connectionId) : HubCallerContext
    {
        public bool Aborted { get; private set; }

        public override string ConnectionId => connectionId;

        public override string? UserIdentifier => null;

        public override System.Security.Claims.ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => Aborted = true;
    }
}
