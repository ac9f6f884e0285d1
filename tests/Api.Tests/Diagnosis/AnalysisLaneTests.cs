using GradientService.Api.Diagnosis;

namespace GradientService.Api.Tests.Diagnosis;

public sealed class AnalysisLaneTests
{
    [Fact]
    public async Task Run_ManyQueuedAtOnce_RunOneAtATimeInTheOrderQueued()
    {
        var lane = new AnalysisLane();
        var (running, most) = (0, 0);
        var order = new List<int>();

        var tasks = Enumerable.Range(0, 8).Select(i => lane.Run(() =>
        {
            var now = Interlocked.Increment(ref running);
            lock (order)
            {
                most = Math.Max(most, now);
                order.Add(i);
            }
            Thread.SpinWait(200_000);
            Interlocked.Decrement(ref running);
            return i * i;
        })).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(1, most);
        Assert.Equal(Enumerable.Range(0, 8), order);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i * i), results);
    }

    [Fact]
    public async Task Run_AnalysisThrows_LaneGoesOnWithTheNext()
    {
        var lane = new AnalysisLane();

        var failing = lane.Run<int>(() => throw new InvalidOperationException("no theory"));
        var next = lane.Run(() => 42);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(42, await next);
    }

    [Fact]
    public async Task Run_CancelledBeforeItStarts_NeverRuns()
    {
        var lane = new AnalysisLane();
        using var gate = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var ran = false;

        var blocker = lane.Run(() => gate.Wait(TimeSpan.FromSeconds(30)));
        var cancelled = lane.Run(() => ran = true, cancel.Token);
        await cancel.CancelAsync();
        gate.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(await blocker);
        Assert.False(ran);
    }
}
