using System.Net;
using GradientService.Contracts.Labs;
using GradientService.Web.Charts;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Pages;

public sealed class DoyaLabPageTests : DashboardContext
{
    private static readonly BifurcationDiagram Diagram = new(6, -8, 0,
    [
        new DiagramBranch(FixedPointBranch.Lower, true, [-8, -4, -2.585], [0.0003, 0.02, 0.21]),
        new DiagramBranch(FixedPointBranch.Middle, false, [-3.415, -3, -2.585], [0.79, 0.5, 0.21]),
        new DiagramBranch(FixedPointBranch.Upper, true, [-3.415, -2, 0], [0.79, 0.98, 0.9975]),
    ],
    [new SaddleNode(-2.585, 0.21), new SaddleNode(-3.415, 0.79)], -3.415, -2.585);

    private static readonly BiasTrainingTrace Trace = new(new BiasTrainingRequest(),
    [
        new BiasIteration(0, -8, 0.0003, 0.4, -3e-4, null, null, FixedPointBranch.Lower, false),
        new BiasIteration(1, -2, 0.98, 0.003, 2e-3, null, null, FixedPointBranch.Upper, true),
        new BiasIteration(2, -2.59, 0.19, 0.26, -1.03, 0.23, 0.04, FixedPointBranch.Lower, true),
        new BiasIteration(3, 100, 1, 0.005, 1e-44, null, null, FixedPointBranch.Upper, true),
    ], 2, [1, 2, 3], null);

    public DoyaLabPageTests()
    {
        Http.OnJson(HttpMethod.Get, "api/labs/doya/fixed-points", Diagram);
        Http.OnJson(HttpMethod.Post, "api/labs/doya/train", Trace);
    }

    private IRenderedComponent<DoyaLab> Open()
    {
        var page = Render<DoyaLab>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=doya-trace] tbody tr")));
        page.WaitForAssertion(() => Assert.Equal(2, ChartCalls("updateLines").Select(c => ((LinePayloadMeta)c.Arguments[2]!).Lengths.Length).Distinct().Count()));
        return page;
    }

    private LinePayloadMeta Drawn(int seriesCount) =>
        ChartCalls("updateLines").Select(c => (LinePayloadMeta)c.Arguments[2]!).Last(m => m.Lengths.Length == seriesCount);

    [Fact]
    public void Open_Defaults_AsksForTheDiagramAndTrainsOnce()
    {
        Open();

        Assert.Contains(Http.Requests, r => r.StartsWith("GET api/labs/doya/fixed-points?w=6&bMin=-8&bMax=0&points=401", StringComparison.Ordinal));
        Assert.Single(Http.Requests, r => r == "POST api/labs/doya/train");
    }

    [Fact]
    public void Open_Diagram_DrawsBranchesSolidAndDashedWithThePathInRangeAndSaddleNodeMarks()
    {
        var page = Open();

        var options = (LineChartOptions)ChartCalls("initLines").Select(c => c.Arguments[1]).First(o => ((LineChartOptions)o!).Series.Count == 5)!;
        Assert.Equal([false, true, false, false, false], options.Series.Select(s => s.Dash));
        var meta = Drawn(5);
        Assert.Equal([3, 3, 3, 0, 3], meta.Lengths); // the path leaves out iteration 3, thrown to b = 100 outside [−8, 0]
        Assert.Equal([-2.585, -3.415], meta.Marks.Select(m => m.X));
        Assert.All(meta.Marks, m => Assert.Equal("saddle-node", m.Kind));
        Assert.Contains("Bistable for b ∈ (-3.415, -2.585)", page.Find("[data-testid=doya-bistable]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Trace_DrawsLog10GradientWithTheCrossingsMarkedAndThePeakLabelled()
    {
        var page = Open();

        var options = (LineChartOptions)ChartCalls("initLines").Select(c => c.Arguments[1]).First(o => ((LineChartOptions)o!).Series.Count == 2)!;
        Assert.Equal("log₁₀ |∂L/∂b|", options.YLabel);
        var meta = Drawn(2);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(
            ((byte[])ChartCalls("updateLines").Last(c => ((LinePayloadMeta)c.Arguments[2]!).Lengths.Length == 2).Arguments[1]!).AsSpan());
        Assert.Equal(-44, values[4 + 3], 9); // series 1: 4 x values, then log₁₀|g|; iteration 3's gradient is 1e-44
        Assert.Equal([1.0, 2.0, 3.0], meta.Marks.Select(m => m.X));
        Assert.Equal("crossed · peak", meta.Marks.Single(m => m.X == 2).Label);
        Assert.Contains("Largest |∂L/∂b| = 1.03 at iteration 2", page.Find("[data-testid=doya-peak]").TextContent, StringComparison.Ordinal);
        Assert.Contains("peak", page.Find("[data-testid=doya-trace] tbody tr:nth-child(3)").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Rejected_ShowsEveryNamedField()
    {
        var page = Open();
        Http.On(HttpMethod.Post, "api/labs/doya/train", _ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"title":"bad","status":400,"errors":{"steps":["must be between 1 and 1000; got 0."],"dt":["must be above 0."]}}""",
                System.Text.Encoding.UTF8, "application/problem+json"),
        });

        page.Find("[data-testid=doya-training] form").Submit();

        page.WaitForAssertion(() => Assert.Contains("steps: must be between 1 and 1000", page.Find("[data-testid=doya-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("dt: must be above 0.", page.Find("[data-testid=doya-error]").TextContent, StringComparison.Ordinal);
    }
}
