using System.Runtime.InteropServices;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

public sealed class OutputDepthChartTests : DashboardContext
{
    private const int Depths = 3;
    private readonly Guid _id = Guid.NewGuid();

    /// <summary>Depth d at step s: 10^(−d)·s, so every drawn value names its depth and step.</summary>
    private static double Norm(int depth, int step) => Math.Pow(10, -depth) * step;

    private RunData Data(int lastStep)
    {
        var data = new RunData(_id) { Status = RunStatus.Running };
        var frames = Enumerable.Range(1, lastStep).Select(s => new OutputDepthFrame(s, [.. Enumerable.Range(1, Depths).Select(d => Norm(d, s))])).ToList();
        data.Apply(Wire.Batch(_id, 1, lastStep) with { OutputDepths = frames });
        return data;
    }

    private IRenderedComponent<OutputDepthChart> RenderChart(RunData data) => Render<OutputDepthChart>(p => p.Add(c => c.Data, data));

    [Fact]
    public void LiveFrames_Draw_OneLinePerDepthWithEveryStepsNorm()
    {
        var chart = RenderChart(Data(5));

        chart.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateLines")));
        var series = ((LineChartOptions)ChartCalls("initLines")[^1].Arguments[1]!).Series;
        Assert.Equal(["depth 1", "depth 2", "depth 3"], series.Select(s => s.Label));
        var update = ChartCalls("updateLines")[^1];
        var values = MemoryMarshal.Cast<byte, double>((byte[])update.Arguments[1]!).ToArray();
        Assert.Equal([5, 5, 5], ((LinePayloadMeta)update.Arguments[2]!).Lengths);
        for (var d = 1; d <= Depths; d++)
        {
            var at = 2 * 5 * (d - 1);
            Assert.Equal([1.0, 2, 3, 4, 5], values[at..(at + 5)]);
            Assert.Equal(Enumerable.Range(1, 5).Select(s => Norm(d, s)), values[(at + 5)..(at + 10)]);
        }
    }

    [Fact]
    public void LiveFrames_Table_ShowsTheNewestStepsExactValues()
    {
        var chart = RenderChart(Data(4));

        var rows = chart.FindAll("[data-testid=output-depths-table] tbody tr");
        Assert.Equal(Depths, rows.Count);
        Assert.Equal(Norm(3, 4).ToString("R", System.Globalization.CultureInfo.InvariantCulture), rows[2].Children[1].TextContent);
        Assert.Contains("step 4", chart.Find("[data-testid=output-depths-table] caption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredSeries_Seed_DrawsThemBeforeAnyLiveStep()
    {
        var data = new RunData(_id) { Status = RunStatus.Completed };
        data.MergeOutputDepths(new SeriesResponse(_id, 3, 1, 10, 2, false, "none",
            [new("depth1", [new(1, 0.5), new(10, 0.25)]), new("depth2", [new(1, 0.125), new(10, 0.0625)])]));

        var chart = RenderChart(data);

        chart.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateLines")));
        Assert.Equal(2, ((LineChartOptions)ChartCalls("initLines")[^1].Arguments[1]!).Series.Count);
        Assert.Equal([0.25, 0.0625], data.OutputDepths.Latest!.GradNorms);
        Assert.Equal(10, data.OutputDepths.Latest.Step);
    }
}
