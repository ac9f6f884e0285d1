using GradientService.Contracts.Presets;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

/// <summary>The preset picker shows what a chosen preset reproduces, as the Api serves it.</summary>
public sealed class NewRunReproductionTests : DashboardContext
{
    public NewRunReproductionTests() => Http.OnJson(HttpMethod.Get, "api/presets", PresetCatalog.All);

    [Fact]
    public void ChoosePreset_WithReproducedFigures_ShowsThemBesideTheSourcesOnlyForThatPreset()
    {
        var page = Render<NewRun>();
        page.WaitForAssertion(() => page.Find("button[data-preset='mnist-speed-2']"));
        Assert.Empty(page.FindAll("[data-testid=reproduction]"));

        page.Find("button[data-preset='mnist-speed-2']").Click();

        var card = page.Find("[data-testid=reproduction]");
        var figures = PresetCatalog.Find("mnist-speed-2")!.Reproduction!.Figures;
        Assert.Equal(figures.Count, card.QuerySelectorAll("[data-testid=reproduced-figure]").Length);
        Assert.Equal("0.0657", card.QuerySelector("[data-testid=published]")!.TextContent);
        Assert.Single(page.FindAll("[data-testid=reproduction]"));
    }
}
