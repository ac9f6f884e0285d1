using GradientService.Contracts.Wire;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Pages;

public sealed class CompareDiagnosesTests : DashboardContext
{
    private readonly Guid _parent = Guid.NewGuid();
    private readonly Guid _child = Guid.NewGuid();
    private int _childCalls;
    private bool _childTrains;

    public CompareDiagnosesTests()
    {
        Http.OnJson(HttpMethod.Get, $"api/runs/{_parent}", Diagnoses.Detail(_parent, Diagnoses.Vanishing(final: true)));
        Http.On(HttpMethod.Get, $"api/runs/{_child}", _ => StubHttp.Json(++_childCalls == 1 || !_childTrains
            ? Diagnoses.Detail(_child, null, _parent, "relu-he") with { Summary = Wire.Detail(_child, _childTrains ? RunStatus.Running : RunStatus.Completed, 0).Summary }
            : Diagnoses.Detail(_child, Diagnoses.ExplodingRecurrent(), _parent, "relu-he")));
        Http.OnJson(HttpMethod.Get, "api/compare", new Comparison("loss", null, 1, 5, [], []));
        foreach (var id in new[] { _parent, _child })
            Http.OnJson(HttpMethod.Get, $"api/runs/{id}/depth-profile", new DepthProfile(id, 5, ["weightGradNorm"], [new(1, "layers.1", [0.1])]));
    }

    private IRenderedComponent<Compare> Open()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?ids={_parent},{_child}");
        var page = Render<Compare>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=diagnosis-card]").Count));
        return page;
    }

    [Fact]
    public void Open_ParentAndTryIt_ShowsBothDiagnosesSideBySideInTheirOrder()
    {
        var page = Open();

        var cards = page.FindAll("[data-testid=diagnosis-card]");
        Assert.Equal([_parent.ToString(), _child.ToString()], cards.Select(c => c.GetAttribute("data-run")));
        Assert.Equal("vanishing", cards[0].QuerySelector("[data-testid=verdict]")!.TextContent);
        Assert.Equal("0.0801", cards[0].QuerySelector("[data-testid=card-measured-factor]")!.TextContent);
        Assert.Contains("layer 1 receives 1e-10", cards[0].TextContent, StringComparison.Ordinal);
        Assert.Null(cards[1].QuerySelector("[data-testid=verdict]"));
        Assert.Contains("try-it: relu-he", cards[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Diagnoses_AppearAboveTheComparisonCharts()
    {
        var page = Open();

        var order = page.FindAll("[data-testid=compare-diagnoses], [data-testid=compare-loss]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["compare-diagnoses", "compare-loss"], order);
    }

    [Fact]
    public void ChildStillTraining_AfterTheInterval_ShowsItsNewDiagnosis()
    {
        _childTrains = true;
        var page = Open();
        Assert.Null(page.FindAll("[data-testid=diagnosis-card]")[1].QuerySelector("[data-testid=verdict]"));

        Clock.Advance(Compare.RefreshInterval);

        page.WaitForAssertion(() => Assert.Equal("exploding", page.FindAll("[data-testid=diagnosis-card]")[1].QuerySelector("[data-testid=verdict]")!.TextContent));
        Assert.Equal(2, _childCalls);
    }

    [Fact]
    public void AllFinished_AfterTheInterval_LoadsNothingMore()
    {
        Open();

        Clock.Advance(Compare.RefreshInterval);

        Assert.Equal(1, _childCalls);
    }
}
