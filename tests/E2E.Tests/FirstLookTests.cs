using System.Web;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>
/// A finished 100-layer run opened afresh: its history comes over HTTP in MessagePack at a screen's width (the hub sends
/// no step) and its heatmap and depth profile draw. (How fast: `bench render --first-look`.)
/// </summary>
public sealed class FirstLookTests : BrowserTest
{
    private const int Steps = 2000;

    [Fact]
    public async Task FinishedRun_OpenedAfresh_DrawsItsHeatmapFromHttpAtAScreensWidthWithNoStepFromTheHub()
    {
        var id = await HundredLayerRun.SubmitAsync(App, Steps);
        var watcher = await Browser.Context.NewPageAsync();
        await watcher.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        await new RunPage(watcher).WaitForStatusAsync("completed", TimeSpan.FromMinutes(5));
        await watcher.CloseAsync();

        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        var heatmaps = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/heatmap?", StringComparison.Ordinal)) lock (heatmaps) heatmaps.Add(r.Url); };
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        var run = new RunPage(page);
        await Assertions.Expect(run.Link).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 120_000 });
        await Canvas.WaitForDrawnAsync(page, "[data-testid=heatmap]", 20_000);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=depth-profile]", 50);

        Assert.Equal(Steps, await run.StepAsync());
        Assert.Equal(0, await run.AttributeAsync("data-received")); // every step came over HTTP, none through the hub
        string first;
        lock (heatmaps) first = heatmaps[0];
        var query = HttpUtility.ParseQueryString(new Uri(first).Query);
        Assert.Equal(("weightGradNorm", "msgpack"), (query["field"], query["format"]));
        Assert.InRange(int.Parse(query["columns"]!, System.Globalization.CultureInfo.InvariantCulture), 1, 1024);
        errors.AssertNone();
    }
}
