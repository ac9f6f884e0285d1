using GradientService.Api.Hubs;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Hubs;

/// <summary>How a view's send loop spreads bursts of steps over its updates (no clock: arrival times are given).</summary>
public sealed class DigestPacerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Next_BurstFourIntervalsAfterTheLast_GoesOutInFourEqualPartsEveryStepOnceInOrder()
    {
        var pacer = new DigestPacer(Interval);
        pacer.Add([Batch(1, 100)], TimeSpan.Zero);
        Assert.Equal(Range(1, 100), Steps(pacer.Next())); // the first burst: nothing to pace by
        pacer.Add([Batch(101, 500), Batch(501, 1000)], TimeSpan.FromMilliseconds(400));

        List<int[]> updates = [];
        while (!pacer.IsEmpty) updates.Add(Steps(pacer.Next()));

        Assert.Equal([Range(101, 325), Range(326, 550), Range(551, 775), Range(776, 1000)], updates);
    }

    [Fact]
    public void Next_BurstsEveryInterval_GoOutWholeAtOnce()
    {
        var pacer = new DigestPacer(Interval);
        pacer.Add([Batch(1, 300)], TimeSpan.Zero);
        pacer.Next();
        pacer.Add([Batch(301, 600)], Interval);

        Assert.Equal(Range(301, 600), Steps(pacer.Next()));
        Assert.True(pacer.IsEmpty);
    }

    [Fact]
    public void Next_SmallBurstAfterALongPause_GoesOutWholeAtOnce()
    {
        var pacer = new DigestPacer(Interval);
        pacer.Add([Batch(1, 10)], TimeSpan.Zero);
        pacer.Next();
        pacer.Add([Batch(11, 10 + DigestPacer.MinStepsPerUpdate)], TimeSpan.FromSeconds(2));

        Assert.Equal(Range(11, 10 + DigestPacer.MinStepsPerUpdate), Steps(pacer.Next()));
    }

    [Fact]
    public void All_WithAPacedBurstPending_TakesEveryPendingStep()
    {
        var pacer = new DigestPacer(Interval);
        pacer.Add([Batch(1, 10)], TimeSpan.Zero);
        pacer.Next();
        pacer.Add([Batch(11, 810)], TimeSpan.FromMilliseconds(400));
        var first = Steps(pacer.Next());

        var rest = Steps(pacer.All());

        Assert.Equal(Range(11, 810), first.Concat(rest));
        Assert.True(pacer.IsEmpty);
    }

    [Fact]
    public void Split_StepsFramesEventsAndEpisodes_EachOnItsSideOfTheStepAndEpisodesWithTheRest()
    {
        var episode = new RunEpisode("vanishing", 1, 3, 6, 4, 1e-9, 5, true, "open");
        var batch = Batch(1, 6) with
        {
            Layers = [.. Enumerable.Range(1, 6).Select(s => new LayerFrame(s, []))],
            Events = [new RunEventMessage(2, "clipping", null, 1, "a"), new RunEventMessage(5, "clipping", null, 1, "b")],
            Episodes = [episode],
        };

        var (head, tail) = DigestPacer.Split(batch, 4);

        Assert.Equal((1, 4, 5, 6), (head.FirstStep, head.LastStep, tail.FirstStep, tail.LastStep));
        Assert.Equal([1, 2, 3, 4], head.Layers.Select(f => f.Step));
        Assert.Equal([5, 6], tail.Layers.Select(f => f.Step));
        Assert.Equal([2], head.Events.Select(e => e.Step));
        Assert.Equal([5], tail.Events.Select(e => e.Step));
        Assert.Empty(head.Episodes);
        Assert.Equal([episode], tail.Episodes);
    }

    private static StepBatch Batch(int first, int last) =>
        new(Guid.Empty, first, last, [.. Enumerable.Range(first, last - first + 1).Select(s => new StepPoint(s, [s]))], [], false, [], [], []);

    private static int[] Steps(IEnumerable<StepBatch> batches) => [.. batches.SelectMany(b => b.Steps).Select(s => s.Step)];

    private static int[] Range(int first, int last) => [.. Enumerable.Range(first, last - first + 1)];
}
