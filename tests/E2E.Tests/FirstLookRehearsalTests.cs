using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using GradientService.Web.Live;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>
/// The dashboard's first-look rehearsal (<see cref="FirstLookRehearsal"/>): a session opened on the runs list renders the
/// run page on a made-up 100-layer run out of sight and draws its charts, with no request for that run leaving the
/// browser and the tab's title left alone, then takes it away.
/// </summary>
public sealed class FirstLookRehearsalTests : BrowserTest
{
    /// <summary>
    /// Watches every animation frame while the rehearsal's page is there: the most its heatmap drew (opaque pixels) and
    /// every title the tab had meanwhile.
    /// </summary>
    private const string Watch = $$"""
        window.rehearsal = { seen: false, gone: false, heatmapPixels: 0, titles: [] };
        const count = {{Canvas.CountScript}};
        const look = () => {
          const host = document.querySelector('.rehearsal');
          if (host) {
            window.rehearsal.seen = true;
            const heatmap = host.querySelector('[data-testid=heatmap]');
            if (heatmap) window.rehearsal.heatmapPixels = Math.max(window.rehearsal.heatmapPixels, count(heatmap));
            if (!window.rehearsal.titles.includes(document.title)) window.rehearsal.titles.push(document.title);
          } else if (window.rehearsal.seen) {
            window.rehearsal.gone = true;
            return;
          }
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
        """;

    [Fact]
    public async Task RunsList_OpenedAfresh_RehearsesTheRunPageOutOfSightWithoutARequestLeaving_ThenTakesItAway()
    {
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        var leaving = new List<string>();
        var madeUp = FirstLookRehearsal.RunId.ToString();
        page.Request += (_, r) => { if (r.Url.Contains(madeUp, StringComparison.OrdinalIgnoreCase)) lock (leaving) leaving.Add(r.Url); };
        await page.AddInitScriptAsync(Watch);

        await page.GotoAsync(App.BaseAddress.ToString());
        await page.GetByTestId("runs").WaitForAsync();
        await page.WaitForFunctionAsync("() => window.rehearsal.gone", null, new() { Timeout = 120_000, PollingInterval = 100 });

        Assert.True(await page.EvaluateAsync<int>("() => window.rehearsal.heatmapPixels") >= 2000); // the made-up run's heatmap was drawn
        Assert.Equal(["Runs · GradientService"], await page.EvaluateAsync<string[]>("() => window.rehearsal.titles"));
        Assert.Equal(0, await page.Locator(".rehearsal").CountAsync());
        lock (leaving) Assert.Empty(leaving);
        errors.AssertNone();
    }
}
