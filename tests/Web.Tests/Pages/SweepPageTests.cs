using System.Net;
using System.Text.Json.Nodes;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

public sealed class SweepPageTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();
    private readonly List<Guid> _runs = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())];
    private SweepMatrix _matrix;
    private int _running;

    public SweepPageTests()
    {
        _matrix = Diagnoses.PhaseMatrix(_id, _runs);
        Http.On(HttpMethod.Get, $"api/sweeps/{_id}", _ => StubHttp.Json(Diagnoses.Summary(_id, _matrix.Axes, _matrix.Cells.Count, _running)));
        Http.On(HttpMethod.Get, $"api/sweeps/{_id}/matrix", _ => StubHttp.Json(_matrix));
    }

    private IRenderedComponent<Sweep> Open()
    {
        var page = Render<Sweep>(p => p.Add(s => s.Id, _id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=sweep-cell]")));
        return page;
    }

    private HeatmapMeta DrawnPhase() => (HeatmapMeta)ChartCalls("updateHeatmap")[^1].Arguments[2]!;

    [Fact]
    public void Open_TwoAxes_ShowsAGridWhoseCellsLinkTheirRuns()
    {
        var page = Open();

        var links = page.FindAll("[data-testid=sweep-grid] [data-testid=sweep-cell]");
        Assert.Equal(_runs.Select(r => $"runs/{r}"), links.Select(a => a.GetAttribute("href")));
        Assert.Equal("50%", links[0].TextContent);
        Assert.Equal(["0", "0.05", "0.1"], page.FindAll("[data-testid=sweep-grid] thead th").Skip(1).Select(th => th.TextContent));
        Assert.Contains("exploded", page.FindAll("[data-testid=sweep-grid] td")[2].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("exploded", page.FindAll("[data-testid=sweep-grid] td")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ThreeAxes_ShowsOneRowPerCell()
    {
        _matrix = _matrix with
        {
            Axes = [.. _matrix.Axes, new SweepAxis("model.depth", [JsonValue.Create(10)])],
            Cells = [.. _matrix.Cells.Select(c => c with { Index = [.. c.Index, 0] })],
            Phase = null,
        };

        var page = Open();

        Assert.Equal(6, page.FindAll("[data-testid=sweep-rows] tbody tr").Count);
        Assert.Equal("1.1", page.FindAll("[data-testid=sweep-rows] tbody tr")[0].Children[^1].TextContent);
        Assert.Empty(page.FindAll("[data-testid=phase-diagram]"));
    }

    [Fact]
    public void Open_PhaseDiagram_DrawsAccuracyOverSigmaWUpAndSigmaBAcross()
    {
        var page = Open();
        page.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateHeatmap")));

        var meta = DrawnPhase();
        Assert.Equal((2, 3), (meta.Rows, meta.Cols));
        Assert.Equal(["0", "0.05", "0.1"], meta.XTicks);
        Assert.Equal(["1", "2"], meta.YTicks); // the axis listed 2 before 1: rows are increasing σ_w²
        Assert.True(meta.Linear);
        Assert.Equal((0, 1), (meta.Lo, meta.Hi));
        var indices = (byte[])ChartCalls("updateHeatmap")[^1].Arguments[1]!;
        // Top row is σ_w² = 2 (the sweep's value 0): its cells' accuracies are 0.5, 0.55, 0.6; the bottom row σ_w² = 1.
        Assert.Equal(PhaseHeatmap.ShareIndex(0.5), indices[0]);
        Assert.Equal(PhaseHeatmap.ShareIndex(0.5 + 0.1 * 5 / 2), indices[5]);
        Assert.NotEqual(indices[0], indices[5]);
        Assert.Contains("Schoenholz", page.Find("[data-testid=phase-diagram]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PhaseDiagram_DrawsTheCriticalLineAndBothTrainableDepthContours()
    {
        var page = Open();
        page.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateHeatmap")));

        var lines = DrawnPhase().Lines!;
        Assert.Equal(["χ₁ = 1", "6·ξ_c = 10", "6·ξ_c = 10"], lines.Select(l => l.Label));
        // σ_b² 0 and 0.1 sit at columns 1 and 3; σ_w² 1.5 halfway between rows 1 (σ_w² = 1) and 2 (σ_w² = 2).
        Assert.Equal([1.0, 3.0], lines[0].X);
        Assert.Equal(1.5, lines[0].Y[0]!.Value, 1e-12);
        Assert.Equal(1.7, lines[0].Y[1]!.Value, 1e-12);
        // 6ξ_c: 5 → 15 between σ_w² 1 and 2 crosses 10 at 1.5; 15 → 5 between 2 and 3 at 2.5 (beyond the top row: row 2.5).
        Assert.Equal(1.5, lines[1].Y[0]!.Value, 1e-12);
        Assert.Equal(2.5, lines[2].Y[0]!.Value, 1e-12);
        Assert.Single(lines[2].Y); // σ_b² = 0.1 has no 6ξ_c at σ_w² = 3: no second crossing there
    }

    [Fact]
    public void Cancel_WhileCellsRun_PostsTheCancel()
    {
        _running = 2;
        Http.On(HttpMethod.Post, $"api/sweeps/{_id}/cancel", _ => new HttpResponseMessage(HttpStatusCode.Accepted));
        var page = Open();

        page.Find("[data-testid=sweep-cancel]").Click();

        page.WaitForAssertion(() => Assert.Contains($"POST api/sweeps/{_id}/cancel", Http.Requests));
    }

    [Fact]
    public void Open_Finished_OffersNoCancel()
    {
        var page = Open();

        Assert.Empty(page.FindAll("[data-testid=sweep-cancel]"));
    }
}
