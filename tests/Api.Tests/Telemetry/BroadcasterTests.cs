using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>
/// The broadcaster without SignalR: committed frames from a run tap go through the in-process feed to the broadcaster,
/// which sends them to a recording client. The clock is fake: nothing is sent on a tick unless the test advances it.
/// </summary>
public sealed class BroadcasterTests : IAsyncDisposable
{
    private const int Layers = 2;

    private readonly FakeHub _hub = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly TapSteps _taps = new(Layers);
    private readonly StreamingOptions _options = new() { MaxStepsPerMessage = 10, MaxLayerValuesPerMessage = 5 * FrameValues }; // room for 5 frames
    private readonly RunSubscriptions _subscriptions;
    private readonly InProcessLiveFeed _feed;
    private readonly Broadcaster _broadcaster;

    public BroadcasterTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(_options);
        _subscriptions = new RunSubscriptions(_hub, options, NullLogger<RunSubscriptions>.Instance);
        _feed = new InProcessLiveFeed(_subscriptions);
        _broadcaster = new Broadcaster(_feed, _subscriptions, options, _clock);
        _broadcaster.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _broadcaster.StopAsync(CancellationToken.None);
        _broadcaster.Dispose();
    }

    [Fact]
    public async Task Status_AfterCommittedBatches_SendsTheirStepsAsOneBatchThenTheStatus()
    {
        var run = Watch("reader");
        _feed.Publish(Commit(run, 1, 3));
        _feed.Publish(Commit(run, 4, 5));
        _feed.Publish(Status(run, RunStatus.Completed));
        var client = _hub.Client("reader");
        await client.ReceivedStatus();

        var batch = Assert.IsType<StepBatch>(client.Messages[0]);
        Assert.Equal(2, client.Messages.Count);
        Assert.Equal(Enumerable.Range(1, 5), batch.Steps.Select(s => s.Step));
        Assert.Equal(Enumerable.Range(1, 5), batch.Layers.Select(f => f.Step));
        Assert.Equal((1, 5, false), (batch.FirstStep, batch.LastStep, batch.LayersThinned));
        Assert.Equal(RunStatus.Completed, Assert.IsType<RunStatusMessage>(client.Messages[1]).Status);
    }

    [Fact]
    public async Task Tick_PendingSteps_AreSentAtTheNextInterval()
    {
        var run = Watch("reader");
        var other = Watch("other");
        _feed.Publish(Commit(run, 1, 3));
        _feed.Publish(Status(other, RunStatus.Running)); // read after the commit: once it arrives, the steps are pending
        await _hub.Client("other").ReceivedStatus();
        var before = _hub.Client("reader").Messages.Count;

        _clock.Advance(_options.Interval);
        await _hub.Client("reader").Received(3);

        Assert.Equal(0, before);
        Assert.Equal([1, 2, 3], _hub.Client("reader").Steps);
    }

    [Fact]
    public async Task Flush_MoreStepsThanAMessageHolds_SplitsThemInOrder()
    {
        var run = Watch("reader");
        _feed.Publish(Commit(run, 1, 25));
        _feed.Publish(Status(run, RunStatus.Completed));
        var client = _hub.Client("reader");
        await client.ReceivedStatus();

        var batches = client.Messages.OfType<StepBatch>().ToList();
        Assert.Equal([10, 10, 5], batches.Select(b => b.Steps.Count));
        Assert.Equal([(1, 10), (11, 20), (21, 25)], batches.Select(b => (b.FirstStep, b.LastStep)));
        Assert.Equal(Enumerable.Range(1, 25), client.Steps);
    }

    [Fact]
    public async Task Flush_LayerFramesOverTheBudget_ThinsThemAndKeepsTheEventStepAndTheLast()
    {
        var run = Watch("reader");
        _feed.Publish(Commit(run, 1, 10, clippedAt: 4)); // room for 5 of the 10 frames
        _feed.Publish(Status(run, RunStatus.Completed));
        var client = _hub.Client("reader");
        await client.ReceivedStatus();

        var batch = Assert.IsType<StepBatch>(client.Messages[0]);
        var kept = batch.Layers.Select(f => f.Step).ToList();
        Assert.True(batch.LayersThinned);
        Assert.InRange(kept.Count, 2, 5);
        Assert.Contains(4, kept);
        Assert.Contains(10, kept);
        Assert.Equal(Enumerable.Range(1, 10), batch.Steps.Select(s => s.Step));
        Assert.Equal([(4, RunEventKinds.Clipping)], batch.Events.Select(e => (e.Step, e.Kind)));
    }

    // The taps' runs have 2 layers, a value per layer metric each but the sparse ones (absent, so not counted against the budget).
    private static readonly int FrameValues = Layers * LayerMetrics.Table.All.Count(m => !m.Has(MetricTraits.Sparse));

    private RunTap Watch(string connectionId)
    {
        var tap = _taps.Tap(Guid.NewGuid());
        _subscriptions.Start(_subscriptions.Add(tap.RunId, new FakeCaller(connectionId)), 0);
        return tap;
    }

    private List<TelemetryItem> Commit(RunTap tap, int from, int to, int clippedAt = -1) => _taps.Steps(tap, from, to, clippedAt);

    private static RunStatusMessage Status(RunTap tap, RunStatus status) => new(tap.RunId, status, 0, 0, null, DateTime.UnixEpoch);
}
