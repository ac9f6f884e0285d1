using GradientService.Api.Options;

namespace GradientService.Api.Tests.Workers;

public sealed class WorkerOptionsTests
{
    [Theory]
    [InlineData(1, 0, 0, 1, 1)]
    [InlineData(2, 0, 0, 1, 2)]
    [InlineData(8, 0, 0, 4, 2)]
    [InlineData(2, 2, 0, 2, 1)]
    [InlineData(2, 3, 0, 3, 1)]
    [InlineData(16, 2, 0, 2, 8)]
    [InlineData(16, 2, 4, 2, 4)]
    [InlineData(2, 1, 8, 1, 2)]
    public void RunThreads_SlotsTimesThreads_NeverExceedTheCoresUnlessEachRunHasOne(int cores, int maxConcurrent, int threadsCap, int slots, int threads)
    {
        var options = new WorkerOptions { MaxConcurrentRuns = maxConcurrent, ThreadsPerRun = threadsCap };

        Assert.Equal(slots, options.ConcurrentRuns(cores));
        Assert.Equal(threads, options.RunThreads(cores));
    }
}
