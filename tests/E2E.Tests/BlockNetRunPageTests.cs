using GradientService.E2E.Harness;
using GradientService.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GradientService.E2E.Tests;

/// <summary>
/// The run page of the nets built of blocks and sublayers (#15): a transformer's layer axis names its sublayers, its
/// depth profile draws the block metrics, and the diagnosis says why mean-field theory gives no line; a ResNet likewise.
/// </summary>
public sealed class BlockNetRunPageTests : BrowserTest
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("transformer-postln", "transformer", "layers.0.self_attn")]
    [InlineData("cnn-resnet-20", "convolutional", "layers.3")]
    public async Task BlockNet_RunPage_NamesItsLayersDrawsItsChartsAndSaysWhyNoTheoryLine(string preset, string caveat, string layerName)
    {
        var id = await ApiCalls.SubmitPresetAsync(App, preset, 12);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        await new RunPage(page).WaitForStatusAsync("completed", Long);

        await Canvas.WaitForDrawnAsync(page, "[data-testid=heatmap]", 50);
        await Canvas.WaitForDrawnAsync(page, "[data-testid=depth-profile]", 50);
        await Assertions.Expect(page.GetByTestId("depth-profile")).ToContainTextAsync("via the residual branch");
        await Assertions.Expect(page.GetByTestId("caveats").Locator($"li[data-code={caveat}]")).ToBeVisibleAsync(new() { Timeout = (float)Long.TotalMilliseconds });
        await page.GetByText("Exact values at step").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-table")).ToContainTextAsync(layerName, new() { Timeout = (float)Long.TotalMilliseconds });
        await Screenshots.SaveAsync(page, $"run-{preset}");
        errors.AssertNone();
    }
}
