using System.Text.RegularExpressions;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>A preset submitted through the form trains live on the run page (counter, heatmap, depth profile) until cancelled there.</summary>
public sealed class LiveRunTests : BrowserTest
{
    [Fact]
    public async Task SubmitPreset_ThroughForm_RunPageShowsLiveTrainingUntilCancelled()
    {
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, "runs/new").ToString());
        await page.Locator("button[data-preset='deep-sigmoid']").ClickAsync();
        // Long enough to still be training when the page has loaded, however fast the machine; the test cancels it.
        await page.Locator("#f-training-steps").FillAsync("50000");
        await page.Locator("#f-training-steps").PressAsync("Tab");
        await Screenshots.SaveAsync(page, "new-run");
        var posts = new List<string>();
        page.Response += (_, r) => { if (r.Request.Method == "POST") lock (posts) posts.Add($"{r.Status} {r.Url}"); };
        await page.GetByTestId("submit").ClickAsync();

        // The run page, or the form's problem when the Api refused: either way, what happened is in the failure's message
        // (a run once never reached its page in CI and the test said no more than that).
        try
        {
            await page.WaitForFunctionAsync("() => /\\/runs\\/[0-9a-f-]{36}$/.test(location.pathname) || document.querySelector('[data-testid=problem]') !== null",
                null, new() { Timeout = 120_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            string answered;
            lock (posts) answered = string.Join(", ", posts);
            var button = page.GetByTestId("submit");
            Assert.Fail($"After the submit: still at {page.Url}, POST answers [{answered}], submit button '{await button.TextContentAsync()}' "
                + $"disabled={await button.IsDisabledAsync()}, page errors [{string.Join(" | ", errors.All)}]");
        }
        if (await page.GetByTestId("problem").CountAsync() > 0) Assert.Fail($"The Api refused the run: {await page.GetByTestId("problem").TextContentAsync()}");
        Assert.Matches(new Regex("/runs/[0-9a-f-]{36}$"), page.Url);
        var run = new RunPage(page);
        await run.WaitForStepAboveAsync(0);
        var first = await run.StepAsync();
        await run.WaitForStepAboveAsync(first);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=heatmap]", 500);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=depth-profile]", 50);
        await Screenshots.SaveAsync(page, "run-live");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();
        await run.WaitForStatusAsync("cancelled");
        await Canvas.WaitForDrawnAsync(page, "[data-testid=loss-chart]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=norm-chart]", 50);
        await Screenshots.SaveAsync(page, "run-cancelled");
        Assert.True(first >= 1);
        errors.AssertNone();
    }
}
