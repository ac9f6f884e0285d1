using System.Runtime.InteropServices;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

public sealed class DepthProfileChartTests : DashboardContext
{
    private const double LastDelta = 0.02;
    private const double LastWeightGrad = 0.5;
    private readonly Guid _id = Guid.NewGuid();

    public DepthProfileChartTests()
    {
        // ‖δ_l‖ and ‖∂L/∂W_l‖ at step 1 as stored: the anchors are layer 2's, the last hidden layer of the theory's two.
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/depth-profile?step=1&fields=deltaNorm%2CweightGradNorm",
            new DepthProfile(_id, 1, ["deltaNorm", "weightGradNorm"],
                [new(1, "layers.1", [0.001, 0.1]), new(2, "layers.2", [LastDelta, LastWeightGrad]), new(3, "layers.3", [0.3, 0.9])]));
    }

    private RunData Data(int lastStep)
    {
        var data = new RunData(_id) { Status = RunStatus.Running };
        data.EnsureGrid(Wire.Layers);
        data.Apply(Wire.Batch(_id, 1, lastStep));
        return data;
    }

    private IRenderedComponent<DepthProfileChart> RenderChart(RunData data, TheoryReport? theory) =>
        Render<DepthProfileChart>(p => p.Add(c => c.Data, data).Add(c => c.Theory, theory));

    /// <summary>The newest drawing's predicted series (the fourth ‖δ‖, the fifth ‖∂L/∂W‖): its x and y values.</summary>
    private (double[] X, double[] Y) Predicted(int line = 0)
    {
        var update = ChartCalls("updateLines")[^1];
        var values = MemoryMarshal.Cast<byte, double>((byte[])update.Arguments[1]!).ToArray();
        var lengths = ((LinePayloadMeta)update.Arguments[2]!).Lengths;
        var at = 2 * lengths.Take(3 + line).Sum();
        var n = lengths[3 + line];
        return (values[at..(at + n)], values[(at + n)..(at + 2 * n)]);
    }

    [Fact]
    public void Step1_WithTheory_DrawsThePredictedLinesAnchoredAtTheMeasuredLastNorms()
    {
        var chart = RenderChart(Data(1), Diagnoses.Theory());

        chart.WaitForAssertion(() => Assert.Equal([1.0, 2.0], Predicted().X));
        var y = Predicted().Y;
        Assert.Equal(LastDelta * 0.1, y[0], 1e-15);
        Assert.Equal(LastDelta, y[1], 1e-15);
        var weight = Predicted(1).Y;
        Assert.Equal(LastWeightGrad * 2, weight[0], 1e-15);
        Assert.Equal(LastWeightGrad, weight[1], 1e-15);
        Assert.Equal("shown", chart.Find("[data-testid=depth-profile]").GetAttribute("data-predicted"));
        Assert.Contains("mean-field theory", chart.Find("[data-testid=theory-line]").TextContent, StringComparison.Ordinal);
        var series = ((LineChartOptions)ChartCalls("initLines")[^1].Arguments[1]!).Series;
        Assert.Equal([(DepthProfileChart.TheoryLabels[0], true), (DepthProfileChart.TheoryLabels[1], true)], series.TakeLast(2).Select(s => (s.Label, s.Dash)));
    }

    [Fact]
    public void NewestStepWithoutItsLayers_Draws_NothingForThatStepInsteadOfThrowing()
    {
        var data = Data(3);
        // Steps 4 … 2,000 arrive without layer frames (a thinned burst): the newest step is past the grid's 1,024 columns.
        data.Apply(Wire.Batch(_id, 4, 2000) with { Layers = [], LayersThinned = true });

        var chart = RenderChart(data, null);

        chart.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateLines")));
        var update = ChartCalls("updateLines")[^1];
        var values = MemoryMarshal.Cast<byte, double>((byte[])update.Arguments[1]!).ToArray();
        var lengths = ((LinePayloadMeta)update.Arguments[2]!).Lengths;
        Assert.Equal(Wire.Layers, lengths[0]);
        Assert.All(values[lengths[0]..(2 * lengths[0])], v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void VoidingCaveat_DrawsNoLineAndNamesTheCaveat()
    {
        var chart = RenderChart(Data(1), Diagnoses.Theory(new TheoryCaveat("batch-norm", "Batch norm rescales each layer's pre-activations.", Voids: true)));

        chart.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateLines")));
        Assert.Empty(Predicted().X);
        Assert.Contains("batch-norm", chart.Find("[data-testid=theory-void]").TextContent, StringComparison.Ordinal);
        Assert.Empty(chart.FindAll("[data-testid=theory-line]"));
        Assert.DoesNotContain(Http.Requests, r => r.Contains("depth-profile", StringComparison.Ordinal));
    }

    [Fact]
    public void QualifyingCaveat_KeepsTheLine()
    {
        var chart = RenderChart(Data(1), Diagnoses.Theory(new TheoryCaveat("small-width", "Depth/width is above 0.1.")));

        chart.WaitForAssertion(() => Assert.Equal(2, Predicted().Y.Length));
        Assert.Empty(chart.FindAll("[data-testid=theory-void]"));
    }

    [Fact]
    public void LaterStep_HidesTheLineUntilStep1IsShown()
    {
        var chart = RenderChart(Data(3), Diagnoses.Theory());
        chart.WaitForAssertion(() => Assert.NotNull(chart.Find("[data-testid=show-step-1]")));
        Assert.Empty(Predicted().X);
        Assert.Equal("hidden", chart.Find("[data-testid=depth-profile]").GetAttribute("data-predicted"));

        chart.Find("[data-testid=show-step-1]").Click();

        chart.WaitForAssertion(() => Assert.Equal(2, Predicted().X.Length));
        Assert.Equal("1", chart.Find("[data-testid=profile-step]").TextContent);
    }

    [Fact]
    public void NoTheory_DrawsNoLineAndNoNote()
    {
        var chart = RenderChart(Data(1), null);

        chart.WaitForAssertion(() => Assert.NotEmpty(ChartCalls("updateLines")));
        Assert.Empty(Predicted().X);
        Assert.Empty(chart.FindAll("[data-testid=theory-line]"));
        Assert.Empty(chart.FindAll("[data-testid=theory-void]"));
    }
}
