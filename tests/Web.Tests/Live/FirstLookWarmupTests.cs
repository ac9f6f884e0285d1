using GradientService.Web.Live;

namespace GradientService.Web.Tests.Live;

public sealed class FirstLookWarmupTests
{
    [Fact]
    public async Task RunAsync_MadeUpRun_DecodesAndSeedsEveryPartThePageReads()
    {
        var data = await FirstLookWarmup.RunAsync();

        Assert.Equal(64, data.LastStep);
        Assert.Equal(64, data.Loss.Snapshot().Steps.Length);
        Assert.Equal(1.0 / 64, data.Loss.Snapshot().Values[^1]);
        Assert.Single(data.Events);
        Assert.Equal(1, data.ClipEvents);
        Assert.Equal(4, data.Grid!.Layers); // the detail's four layers made the grid
        Assert.Equal(1e-3 / 63, data.Grid.Value(0, data.Grid.ColumnOf(64), 1));
        Assert.Equal(64, data.LatestFrame!.Step); // the depth profile merged: its step is the newest frame
    }
}
