using System.Text.Json.Nodes;
using GradientService.Contracts.Wire;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>A σ_w² × σ_b² sweep, once its runs have finished, shows its matrix and the order-to-chaos phase diagram.</summary>
public sealed class SweepTests : BrowserTest
{
    [Fact]
    public async Task FinishedWeightByBiasVarianceSweep_SweepPage_DrawsThePhaseDiagram()
    {
        var sweep = await ApiCalls.SubmitSweepAsync(App, new SweepRequest(
            "tanh order to chaos", "deep-sigmoid",
            new JsonObject
            {
                ["model"] = new JsonObject { ["activation"] = "tanh" },
                ["init"] = new JsonObject { ["scheme"] = "scaled-normal" },
                ["training"] = new JsonObject { ["steps"] = 100 },
            },
            [
                new SweepAxis("init.weightVariance", [0.5, 1.0, 2.0, 4.0]),
                new SweepAxis("init.biasVariance", [0.0, 0.05, 0.2]),
            ]));
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"sweeps/{sweep}").ToString());

        // The page reloads the sweep while cells are pending: wait until none is.
        await Assertions.Expect(page.GetByTestId("sweep-status")).ToHaveAttributeAsync("data-pending", "0", new() { Timeout = 300_000 });
        await Assertions.Expect(page.GetByTestId("sweep-grid").GetByTestId("sweep-cell")).ToHaveCountAsync(12);
        await Assertions.Expect(page.GetByTestId("phase-legend")).ToContainTextAsync("Schoenholz et al. 2017");
        await Canvas.WaitForDrawnAsync(page, "[data-testid=phase-heatmap]", 500);
        await page.GetByTestId("phase-diagram").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "phase-diagram");
        errors.AssertNone();
    }
}
