using System.Globalization;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;

namespace GradientService.E2E.Tests;

/// <summary>
/// The largest model the dashboard is built for streams into the run page: every step arrives and the heatmap draws
/// all 100 layers. (How fast it renders is measured by `bench render`, scripts/render-bench.sh, not tested here.)
/// </summary>
public sealed class HundredLayerRunTests : BrowserTest
{
    private const int Steps = 1500;

    [Fact]
    public async Task HundredLayerRun_StreamsIntoRunPage_EveryStepArrivesAndTheHeatmapDraws()
    {
        var id = await HundredLayerRun.SubmitAsync(App, Steps);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        var run = new RunPage(page);
        await run.WaitForStatusAsync("completed");
        // The hub connection is up and has reported the final state (the steps may all have come over HTTP).
        await Microsoft.Playwright.Assertions.Expect(run.Link).ToHaveTextAsync("final", new() { Timeout = 120_000 });

        await Microsoft.Playwright.Assertions.Expect(run.StepCounter).ToHaveTextAsync(Steps.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, await run.AttributeAsync("data-missing"));
        // 100 rows over the plot's height: a drawn heatmap fills most of the plot area with opaque cells.
        await Canvas.WaitForDrawnAsync(page, "[data-testid=heatmap]", 20_000);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=depth-profile]", 50);
        await Screenshots.SaveAsync(page, "run-100-layers");
        errors.AssertNone();
    }
}
