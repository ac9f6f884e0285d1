using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace GradientService.Api.Tests.Hubs;

public sealed class RunSubscriptionsTests
{
    private static readonly Guid RunId = Guid.NewGuid();

    private static StepPoint Point(int step) => new(step, [1, 0, 0, 0, 0, 1, 1, 1]);

    private static StepBatch Batch(int step) => new(RunId, step, step, [Point(step)], [], false, [], [], []);

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
    public async Task Deliver_ToSeveralSubscribers_SerialisesEachMessageOnceForAll()
    {
        var hub = new FakeHub();
        var subscriptions = new RunSubscriptions(hub, Microsoft.Extensions.Options.Options.Create(new StreamingOptions()), NullLogger<RunSubscriptions>.Instance);
        string[] readers = ["first", "second", "third"];
        foreach (var reader in readers) subscriptions.Start(subscriptions.Add(RunId, new FakeCaller(reader)), 0);

        for (var step = 1; step <= 20; step++) subscriptions.Deliver(RunId, Batch(step));
        foreach (var reader in readers) await hub.Client(reader).Received(20);

        var first = hub.Client("first").Live;
        Assert.Equal(20, first.Count);
        foreach (var reader in readers[1..])
            Assert.All(hub.Client(reader).Live.Zip(first), pair => Assert.Same(pair.Second.Serialized, pair.First.Serialized));
        Assert.Equal(20, first.Select(m => m.Serialized).Distinct().Count());
    }

    [Fact]
    public void Trim_BatchOverlappingTheBackfill_KeepsOnlyLaterSteps()
    {
        var batch = new StepBatch(RunId, 5, 8, [.. Enumerable.Range(5, 4).Select(Point)], [], false, [],
            [new RunEventMessage(6, RunEventKinds.Clipping, null, 2, "clip"), new RunEventMessage(8, RunEventKinds.Clipping, null, 3, "clip")], []);

        var trimmed = Subscriber.Trim(batch, 6);

        Assert.Equal([7, 8], trimmed!.Steps.Select(s => s.Step));
        Assert.Equal(7, trimmed.FirstStep);
        Assert.Equal([8], trimmed.Events.Select(e => e.Step));
        Assert.Null(Subscriber.Trim(batch, 8));
    }

    [Fact]
    public void Trim_EpisodesOfABatchTheBackfillCovered_KeepsClosedOnesAndDropsStaleOpenOnes()
    {
        var stale = new RunEpisode(EpisodeKinds.Vanishing, 3, 1, 8, 8, 4, 8, true, "open at 8");
        var closed = new RunEpisode(EpisodeKinds.Clipping, null, 5, 7, 3, 0.5, 6, false, "closed");
        var batch = new StepBatch(RunId, 5, 8, [.. Enumerable.Range(5, 4).Select(Point)], [], false, [], [], [stale, closed]);

        var trimmed = Subscriber.Trim(batch, 9);

        Assert.Empty(trimmed!.Steps);
        Assert.Equal([closed], trimmed.Episodes);
    }
}
