using System.Text.RegularExpressions;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>Two finished runs picked on the Runs page open side by side in the compare view.</summary>
public sealed class CompareTests : BrowserTest
{
    [Fact]
    public async Task TwoRuns_SelectedOnRunsPage_CompareViewOverlaysThemWithSpecDifferences()
    {
        var sigmoid = await ApiCalls.SubmitPresetAsync(App, "deep-sigmoid", 120);
        var relu = await ApiCalls.SubmitPresetAsync(App, "deep-relu-he", 120);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(App.BaseAddress.ToString());
        var rows = page.GetByTestId("runs");
        foreach (var id in new[] { sigmoid, relu })
            await Assertions.Expect(rows.Locator($"tr[data-run='{id}'] [data-testid=status]")).ToHaveTextAsync("completed", new() { Timeout = 120_000 });
        await Screenshots.SaveAsync(page, "runs");

        foreach (var id in new[] { sigmoid, relu }) await rows.Locator($"tr[data-run='{id}'] input[type=checkbox]").CheckAsync();
        await page.GetByTestId("compare-selected").ClickAsync();
        await page.WaitForURLAsync(new Regex("/compare\\?ids="));
        await Assertions.Expect(page.GetByTestId("differences").Locator("tbody tr").First).ToBeVisibleAsync();
        await Canvas.WaitForDrawnAsync(page, "[data-testid=compare-profiles]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=compare-loss]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=compare-norms]", 50);
        await Screenshots.SaveAsync(page, "compare");
        errors.AssertNone();
    }
}
