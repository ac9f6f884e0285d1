using System.Text.Json.Nodes;
using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>
/// The run page of the remedies that do not train by plain backprop (#14): a gradient-free search shows its population
/// and marks its gradients as probes, a pretraining run marks its phases and charts reconstruction errors, and a
/// hierarchical softmax charts its read-out's gradient per tree depth.
/// </summary>
public sealed class MethodRunPageTests : BrowserTest
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task GeneticSearch_RunPage_ChartsThePopulationAndMarksGradientsAsProbes()
    {
        var id = await ApiCalls.SubmitPresetAsync(App, "search-genetic", 40);
        var (page, errors) = await OpenCompletedAsync(id);

        await Assertions.Expect(page.GetByTestId("search-panel")).ToBeVisibleAsync();
        await Canvas.WaitForDrawnAsync(page, "[data-testid=search-loss-chart]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=search-evaluations-chart]", 50);
        await Assertions.Expect(page.GetByTestId("probe-note").First).ToContainTextAsync("not training gradients");
        // The norm chart draws the probed generations as points under a legend that says what they are.
        await Assertions.Expect(page.GetByTestId("norm-chart")).ToContainTextAsync("‖g‖ probe (not a training gradient)");
        await Canvas.WaitForDrawnAsync(page, "[data-testid=norm-chart]", 10);
        await Screenshots.SaveAsync(page, "run-search");
        errors.AssertNone();
    }

    [Fact]
    public async Task AutoencoderPretraining_RunPage_MarksThePhasesAndChartsReconstructionErrors()
    {
        // 10 hidden layers × 10 pretraining steps, then 50 steps of fine-tuning.
        var patch = new JsonObject
        {
            ["pretraining"] = new JsonObject { ["stepsPerLayer"] = 10 },
            ["training"] = new JsonObject { ["steps"] = 150 },
        };
        var id = await ApiCalls.SubmitPresetAsync(App, "pretraining-autoencoder", patch);
        var (page, errors) = await OpenCompletedAsync(id);

        await Assertions.Expect(page.GetByTestId("pretraining")).ToBeVisibleAsync();
        await Canvas.WaitForDrawnAsync(page, "[data-testid=reconstruction-chart]", 50);
        var loss = page.GetByTestId("loss-chart");
        await Assertions.Expect(loss).ToHaveAttributeAsync("data-marks", new System.Text.RegularExpressions.Regex("^pretrain layer 1\\|.*\\|pretrain layer 10\\|fine-tune$"));
        await Screenshots.SaveAsync(page, "run-pretraining");
        errors.AssertNone();
    }

    [Fact]
    public async Task HierarchicalSoftmax_RunPage_ChartsTheReadOutsGradientPerTreeDepth()
    {
        var id = await ApiCalls.SubmitPresetAsync(App, "blobs256-hierarchical", 60);
        var (page, errors) = await OpenCompletedAsync(id);

        await Canvas.WaitForDrawnAsync(page, "[data-testid=output-depths]", 50);
        // 256 classes: a balanced tree of depth log₂256 = 8, one row per depth.
        var rows = page.GetByTestId("output-depths-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(8);
        await Assertions.Expect(rows.Nth(7).Locator("td").First).ToHaveTextAsync("8");
        await Screenshots.SaveAsync(page, "run-hierarchical-softmax");
        errors.AssertNone();
    }

    private async Task<(IPage Page, PageErrors Errors)> OpenCompletedAsync(Guid id)
    {
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        await new RunPage(page).WaitForStatusAsync("completed", Long);
        return (page, errors);
    }
}
