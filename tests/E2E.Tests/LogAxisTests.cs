using System.Text.Json.Nodes;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;

namespace GradientService.E2E.Tests;

/// <summary>
/// Log axes hold values far below float32's range: a float64 sigmoid net 60 layers deep has gradient norms below 1e-40
/// at its first layers, and uPlot's own log scale failed there ("Invalid array length"); charts.js plots log₁₀ instead.
/// </summary>
public sealed class LogAxisTests : BrowserTest
{
    [Fact]
    public async Task DeepFloat64Sigmoid_GradientsBelow1e40_ChartsDrawWithoutError()
    {
        var patch = new JsonObject
        {
            ["model"] = new JsonObject { ["depth"] = 60 },
            ["training"] = new JsonObject { ["steps"] = 20, ["evalEvery"] = 10 },
        };
        var id = await ApiCalls.SubmitPresetAsync(App, "deep-sigmoid-sgd", patch);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        await new RunPage(page).WaitForStatusAsync("completed", TimeSpan.FromMinutes(3));

        var profile = await ApiCalls.DepthProfileAsync(App, id, "weightGradNorm");
        var smallest = profile.Layers.Min(l => l.Values[0] ?? double.PositiveInfinity);
        Assert.True(smallest < 1e-40, $"the smallest layer gradient norm is {smallest:G3}");
        await Canvas.WaitForDrawnAsync(page, "[data-testid=layer-lines]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=depth-profile]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=norm-chart]", 20);
        await Screenshots.SaveAsync(page, "run-deep-float64-sigmoid");
        errors.AssertNone();
    }
}
