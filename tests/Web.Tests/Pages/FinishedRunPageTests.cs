using System.Web;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

/// <summary>The first look at a long finished run: its history over HTTP at a screen's width, binary, then the hub; zoom refines.</summary>
public sealed class FinishedRunPageTests : DashboardContext
{
    private const int Steps = 100_000;
    private readonly Guid _id = Guid.NewGuid();

    public FinishedRunPageTests()
    {
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}", Wire.Detail(_id, RunStatus.Completed, Steps, Steps)); // the more specific routes below come first
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/theory", Diagnoses.Theory());
        Http.On(HttpMethod.Get, $"api/runs/{_id}/heatmap", request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            return StubHttp.Packed(Wire.Heatmap(_id, int.Parse(query["from"]!), int.Parse(query["to"]!)) with { Field = query["field"]! });
        });
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/events", new Page<RunEventMessage>([], 1, 200, 0));
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/episodes", Array.Empty<RunEpisode>());
        Http.On(HttpMethod.Get, $"api/runs/{_id}/steps", _ => StubHttp.Packed(new SeriesResponse(_id, null, 1, Steps, Steps, true, "min-max",
            [new SeriesData("loss", [new SeriesPoint(1, 1.0), new SeriesPoint(99_990, 0.1)])])));
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/depth-profile", new DepthProfile(_id, Steps, ["weightGradNorm"],
            [.. Enumerable.Range(1, Wire.Layers).Select(l => new DepthProfileLayer(l, $"layers.{l}", [0.5 * l]))]));
    }

    private async Task<(IRenderedComponent<Run> Page, FakeRunStream.Subscription Subscription)> OpenAsync()
    {
        var page = Render<Run>(p => p.Add(r => r.Id, _id));
        page.WaitForAssertion(() => Assert.Single(Stream.Subscriptions));
        return (page, Stream.Subscriptions[0]);
    }

    private IEnumerable<System.Collections.Specialized.NameValueCollection> Queries(string endpoint) =>
        Http.Requests.Where(r => r.StartsWith($"GET api/runs/{_id}/{endpoint}?", StringComparison.Ordinal)).Select(r => HttpUtility.ParseQueryString(r[r.IndexOf('?')..]));

    [Fact]
    public async Task Open_FinishedLongRun_AsksForAtMostAScreensWidthOfPointsAndColumnsInMessagePack()
    {
        await OpenAsync();

        var steps = Assert.Single(Queries("steps"));
        Assert.True(int.Parse(steps["maxPoints"]!) <= Run.SeriesPoints);
        Assert.Equal(Steps.ToString(), steps["to"]);
        Assert.Equal(PackedWire.Format, steps["format"]);
        var heatmap = Assert.Single(Queries("heatmap"));
        Assert.True(int.Parse(heatmap["columns"]!) <= 1024);
        Assert.Equal(PackedWire.Format, heatmap["format"]);
    }

    [Fact]
    public async Task Open_FinishedRun_SubscribesAfterItsStoredHistorySoTheHubSendsNone()
    {
        var (page, subscription) = await OpenAsync();
        Clock.Advance(Run.RenderInterval);

        Assert.Equal(Steps, subscription.LastStep);
        page.WaitForAssertion(() => Assert.Equal(Steps.ToString(), page.Find("[data-testid=step-counter]").TextContent));
    }

    [Fact]
    public async Task Open_FinishedRun_AsksForTheShownHeatmapFirstAndTheOtherGradientsOnceTheHubAnswered()
    {
        var (page, subscription) = await OpenAsync();
        Assert.Equal(["weightGradNorm"], Queries("heatmap").Select(q => q["field"]));
        Assert.Equal("false", page.Find("[data-testid=link-state]").GetAttribute("data-loaded"));

        await page.InvokeAsync(() => subscription.Observer.OnSubscribed(new SubscribeResult(true, RunStatus.Completed, Steps, Steps), resumed: false));

        Clock.Advance(Run.RenderInterval);

        page.WaitForAssertion(() => Assert.Equal(ChartedMetrics.Gradients.Order(), Queries("heatmap").Select(q => q["field"]!).Order()));
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=link-state]").GetAttribute("data-loaded")));
    }

    [Fact]
    public async Task Open_FinishedRun_AsksForTheExactDepthProfileOfItsLastStep()
    {
        await OpenAsync();

        var profile = Assert.Single(Queries("depth-profile"), q => q["step"] == Steps.ToString());
        Assert.Contains("weightGradNorm", profile["fields"]!.Split(','));
    }

    [Fact]
    public async Task HeatmapZoom_DragAcrossSteps_RequestsThatRangeAtFullResolutionAndDrawsIt()
    {
        var (page, _) = await OpenAsync();
        var heatmap = page.FindComponent<LayerHeatmap>();

        await page.InvokeAsync(() => heatmap.Instance.OnChartZoom(1000.4, 1500.6));

        var zoom = Queries("heatmap").Last();
        Assert.Equal(("1001", "1500", "500"), (zoom["from"], zoom["to"], zoom["columns"]));
        page.WaitForAssertion(() => Assert.Equal("1001-1500", page.Find("[data-testid=heatmap]").GetAttribute("data-zoom")));
        var drawn = (HeatmapMeta)ChartCalls("updateHeatmap").Last().Arguments[2]!;
        Assert.Equal((1000.5, 1500.5), (drawn.X0, drawn.X1));
    }

    [Fact]
    public async Task HeatmapZoom_DoubleClick_RedrawsTheWholeRunFromItsGrid()
    {
        var (page, _) = await OpenAsync();
        var heatmap = page.FindComponent<LayerHeatmap>();
        await page.InvokeAsync(() => heatmap.Instance.OnChartZoom(1000, 2000));
        var before = ChartCalls("updateHeatmapColumns").Count;

        await page.InvokeAsync(() => heatmap.Instance.OnChartZoom(0, 0));

        page.WaitForAssertion(() => Assert.Equal("", page.Find("[data-testid=heatmap]").GetAttribute("data-zoom")));
        var redrawn = ChartCalls("updateHeatmapColumns").Skip(before).Select(c => (HeatmapColumnsMeta)c.Arguments[2]!).ToList();
        Assert.Contains(redrawn, m => m.Reset && m.From == 0);
    }
}
