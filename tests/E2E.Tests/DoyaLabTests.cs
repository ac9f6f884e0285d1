using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>The Doya lab, reached from the nav, draws the bifurcation diagram and a training trace with its crossing.</summary>
public sealed class DoyaLabTests : BrowserTest
{
    [Fact]
    public async Task DoyaLab_FromTheNav_DrawsTheDiagramAndTheTrace()
    {
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(App.BaseAddress.ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Doya lab" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("doya-bistable")).ToContainTextAsync("Bistable for b ∈ (-3.415, -2.585)", new() { Timeout = 180_000 }); // the dashboard's first load on a busy CI machine
        await Assertions.Expect(page.GetByTestId("doya-peak")).ToContainTextAsync("Largest |∂L/∂b|");
        await Assertions.Expect(page.GetByTestId("doya-trace").Locator("tr.peak")).ToContainTextAsync("yes");
        await Canvas.WaitForDrawnAsync(page, "[data-testid=doya-diagram-chart]", 500);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=doya-trace-chart]", 300);
        await Screenshots.SaveAsync(page, "doya-lab");
        errors.AssertNone();
    }
}
