using GradientService.Contracts.Wire;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

/// <summary>The generated form's search section: hidden for backprop, each method's own fields when chosen.</summary>
public sealed class NewRunSearchFieldsTests : DashboardContext
{
    public NewRunSearchFieldsTests() => Http.OnJson(HttpMethod.Get, "api/presets", Array.Empty<PresetInfo>());

    private IReadOnlyList<string> Legends(IRenderedComponent<NewRun> page) => [.. page.FindAll("legend").Select(l => l.TextContent)];

    [Fact]
    public void Backprop_HidesTheSearchSection()
    {
        var page = Render<NewRun>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-field='training.method']")));
        Assert.DoesNotContain("Search", Legends(page));
        Assert.Empty(page.FindAll("[data-field='search.populationSize']"));
    }

    [Fact]
    public void Genetic_ShowsTheGeneticFieldsAndNotTheEsOnes()
    {
        var page = Render<NewRun>();

        page.Find("#f-training-method").Change("genetic");

        Assert.Contains("Search", Legends(page));
        foreach (var field in new[] { "populationSize", "elites", "tournamentSize", "crossoverRate", "mutationRate", "mutationScale", "probeEvery" })
            Assert.NotEmpty(page.FindAll($"[data-field='search.{field}']"));
        Assert.Empty(page.FindAll("[data-field='search.noiseStd']"));
    }

    [Fact]
    public void EvolutionStrategy_ShowsTheEsFields()
    {
        var page = Render<NewRun>();

        page.Find("#f-training-method").Change("evolution-strategy");

        foreach (var field in new[] { "populationSize", "noiseStd", "antithetic", "stepSize", "probeEvery" })
            Assert.NotEmpty(page.FindAll($"[data-field='search.{field}']"));
        Assert.Empty(page.FindAll("[data-field='search.elites']"));
    }
}
