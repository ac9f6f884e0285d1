using GradientService.Contracts.Wire;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

public sealed class SweepsPageTests : DashboardContext
{
    [Fact]
    public void Open_ListsEachSweepWithItsAxesAndProgressLinkingItsPage()
    {
        var id = Guid.NewGuid();
        var matrix = Diagnoses.PhaseMatrix(id, [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())]);
        Http.OnJson(HttpMethod.Get, "api/sweeps?page=1&pageSize=50", new Page<SweepSummary>([Diagnoses.Summary(id, matrix.Axes, 6, running: 1, queued: 2)], 1, 50, 1));

        var page = Render<Sweeps>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=sweeps] tbody tr")));
        var cells = page.FindAll("[data-testid=sweeps] tbody td");
        Assert.Equal($"sweeps/{id}", cells[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("weightVariance (2) × biasVariance (3)", cells[1].TextContent);
        Assert.Equal(["6", "3", "1", "2"], cells.Skip(2).Take(4).Select(c => c.TextContent));
    }
}
