using System.Net;
using GradientService.Contracts.Wire;
using GradientService.Web.Components;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Components;

public sealed class DiagnosisPanelTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();

    private IRenderedComponent<DiagnosisPanel> RenderPanel(RunDetail detail) => Render<DiagnosisPanel>(p => p.Add(d => d.Detail, detail));

    [Fact]
    public void Render_VanishingDiagnosis_ShowsVerdictSummaryAndEachFindingWithItsNumbersAndCause()
    {
        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.Vanishing()));

        Assert.Equal("vanishing", panel.Find("[data-testid=verdict]").TextContent);
        Assert.Contains("layer 1 receives 1e-10", panel.Find("[data-testid=diagnosis-summary]").TextContent, StringComparison.Ordinal);
        var findings = panel.FindAll("[data-testid=findings] li");
        Assert.Equal(["vanishing", "saturation"], findings.Select(f => f.GetAttribute("data-kind")));
        Assert.Contains("(10 decades)", findings[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Likely cause: sigmoid's slope is at most 1/4", findings[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DepthDiagnosis_ShowsMeasuredBesidePredictedFactorPhaseAndCaveats()
    {
        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.Vanishing()));

        Assert.Equal("0.0801", panel.Find("[data-testid=measured-factor]").TextContent);
        Assert.Equal("0.0912", panel.Find("[data-testid=predicted-factor]").TextContent);
        Assert.Equal("-9.8", panel.Find("[data-testid=measured-decades]").TextContent);
        Assert.Equal("-9.1", panel.Find("[data-testid=predicted-decades]").TextContent);
        Assert.Equal("ordered (vanishing) · ξ_∇ = 0.41 layers", panel.Find("[data-testid=phase]").TextContent);
        Assert.Equal("small-width", panel.Find("[data-testid=caveats] li").GetAttribute("data-code"));
        Assert.Empty(panel.FindAll("[data-testid=recurrent]"));
    }

    [Fact]
    public void Render_RecurrentDiagnosis_StatesTheBoundFactorAndTheConditionInWords()
    {
        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.ExplodingRecurrent()));

        Assert.Equal("exploding", panel.Find("[data-testid=verdict]").TextContent);
        Assert.Equal("1.8", panel.Find("[data-testid=bound-factor]").TextContent);
        Assert.Contains("the necessary condition for exploding gradients holds", panel.Find("[data-testid=recurrent-condition]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=depth-factors]"));
    }

    [Fact]
    public void Render_Remedies_ListedInRankWithWhyAndSource()
    {
        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.Vanishing()));

        var remedies = panel.FindAll("[data-testid=remedies] li");
        Assert.Equal(["relu-he", "batch-norm"], remedies.Select(r => r.GetAttribute("data-remedy")));
        Assert.Contains("He init keeps χ = 1", remedies[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("He et al. 2015, Figure 3", remedies[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TryIt_Accepted_PostsTheRemedyThenOpensTheComparisonOfParentAndChild()
    {
        var child = Guid.NewGuid();
        Http.OnJson(HttpMethod.Post, $"api/runs/{_id}/remedies/relu-he", new RunCreated(child, RunStatus.Queued, $"/api/runs/{child}"), HttpStatusCode.Accepted);
        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.Vanishing()));

        panel.Find("[data-testid=try-relu-he]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        panel.WaitForAssertion(() => Assert.Equal($"http://localhost/compare?ids={_id},{child}", navigation.Uri));
        Assert.Contains($"POST api/runs/{_id}/remedies/relu-he", Http.Requests);
    }

    [Fact]
    public void TryIt_Refused_ShowsTheProblemAndStaysOnThePage()
    {
        Http.On(HttpMethod.Post, $"api/runs/{_id}/remedies/batch-norm", _ =>
            StubHttp.Json(new { title = "Remedy does not apply", status = 409, detail = "the net already has batch norm" }, HttpStatusCode.Conflict, "application/problem+json"));
        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.Vanishing()));

        panel.Find("[data-testid=try-batch-norm]").Click();

        panel.WaitForAssertion(() => Assert.Contains("the net already has batch norm", panel.Find("[data-testid=try-problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Render_TryItRun_LinksItsParentAndTheComparisonWithIt()
    {
        var parent = Guid.NewGuid();

        var panel = RenderPanel(Diagnoses.Detail(_id, Diagnoses.Vanishing(), parent, "relu-he"));

        Assert.Equal($"runs/{parent}", panel.Find("[data-testid=parent-link]").GetAttribute("href"));
        Assert.Equal($"compare?ids={parent},{_id}", panel.Find("[data-testid=compare-parent]").GetAttribute("href"));
        Assert.Contains("“relu-he”", panel.Find("[data-testid=lineage]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoDiagnosisYet_SaysItComesWithTheFirstStep()
    {
        var panel = RenderPanel(Diagnoses.Detail(_id, null));

        Assert.NotNull(panel.Find("[data-testid=diagnosis-pending]"));
        Assert.Empty(panel.FindAll("[data-testid=verdict]"));
        Assert.Empty(panel.FindAll("[data-testid=lineage]"));
    }
}
