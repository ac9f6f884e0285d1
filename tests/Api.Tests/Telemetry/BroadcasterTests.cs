using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using GradientService.Core.Probes;
using GradientService.Core.Training;
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
    private readonly TelemetryQueue _queue = new(Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
    private readonly StreamingOptions _options = new() { MaxStepsPerMessage = 10, MaxLayerValuesPerMessage = 100 };
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
        _feed.Publish(Commit(run, 1, 10, clippedAt: 4)); // 2 layers × 10 values: room for 5 frames of 100 values
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

    [Fact]
    public async Task Publish_RunWithoutSubscriber_SendsNothingOfIt()
    {
        var watched = Watch("reader");
        var unwatched = Tap(Guid.NewGuid());
        _feed.Publish(Commit(unwatched, 1, 5));
        _feed.Publish(Commit(watched, 1, 2));
        _feed.Publish(Status(watched, RunStatus.Completed));
        var client = _hub.Client("reader");
        await client.ReceivedStatus();

        Assert.All(client.Messages.OfType<StepBatch>(), b => Assert.Equal(watched.RunId, b.RunId));
        Assert.Equal([1, 2], client.Steps);
    }

    private RunTap Watch(string connectionId)
    {
        var tap = Tap(Guid.NewGuid());
        _subscriptions.Start(_subscriptions.Add(tap.RunId, new FakeCaller(connectionId)), 0);
        return tap;
    }

    private RunTap Tap(Guid runId)
    {
        var layers = Enumerable.Range(1, Layers).Select(l => new LayerInfo(l, $"layers.{l - 1}", 4, 4, "dense")).ToList();
        return new RunTap(_queue, new RunContext(1, runId, new ModelInfo(layers, 40, 0, 1, 1), RecordEvery: 1, TotalSteps: 1000, ResumedAt: 0));
    }

    /// <summary>Steps <paramref name="from"/>…<paramref name="to"/> through the tap (frames and their detected events), as the recorder commits them.</summary>
    private List<TelemetryItem> Commit(RunTap tap, int from, int to, int clippedAt = -1)
    {
        var record = new StepRecord(Layers, 0, 1, 1);
        for (var step = from; step <= to; step++)
        {
            record.Step = step;
            record.Loss = 1.0 / step;
            record.GradNormBefore = step == clippedAt ? 10 : 1;
            record.ClipScale = step == clippedAt ? 0.1 : 1;
            record.GradNormAfter = record.GradNormBefore * record.ClipScale;
            for (var l = 0; l < Layers; l++) record.Layers[l].WeightGradNorm = step + l;
            tap.OnStep(record);
        }
        var frames = new List<TelemetryItem>();
        while (_queue.Reader.TryRead(out var frame)) frames.Add(frame);
        return frames;
    }

    private static RunStatusMessage Status(RunTap tap, RunStatus status) => new(tap.RunId, status, 0, 0, null, DateTime.UnixEpoch);
}
