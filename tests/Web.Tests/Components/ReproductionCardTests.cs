using GradientService.Contracts.Wire;
using GradientService.Web.Components;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

public sealed class ReproductionCardTests : DashboardContext
{
    private static readonly Reproduction Nielsen = new("Nielsen, ch. 5", "network2's setup", "‖δ^l‖ at initialisation", "",
        [new("‖δ^1‖ at initialisation", "ch. 5, text", 0.0657, 0.0562, 0.0163, 5)]);

    [Fact]
    public void Render_Figure_ShowsThePublishedNumberBesideOursWithTheSpread()
    {
        var card = Render<ReproductionCard>(p => p.Add(c => c.Reproduction, Nielsen));

        var row = card.Find("[data-testid=reproduced-figure]");
        Assert.Equal("0.0657", row.QuerySelector("[data-testid=published]")!.TextContent);
        Assert.Equal("0.0562 ± 0.0163", row.QuerySelector("[data-testid=ours]")!.TextContent);
        Assert.Contains("ch. 5, text", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=not-reproduced]"));
    }

    [Fact]
    public void Render_NothingNumeric_SaysWhatIsNotReproducedAndDrawsNoTable()
    {
        var card = Render<ReproductionCard>(p => p.Add(c => c.Reproduction,
            Nielsen with { Figures = [], NotReproduced = "ImageNet is not shipped." }));

        Assert.Empty(card.FindAll("table"));
        Assert.Contains("ImageNet is not shipped.", card.Find("[data-testid=not-reproduced]").TextContent, StringComparison.Ordinal);
    }
}
