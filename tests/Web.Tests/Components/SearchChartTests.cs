using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Components;

public sealed class SearchChartTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();

    /// <summary>Generations 1 … 5 of a population of 10; ‖g‖ on the probe generations 1 and 5 only.</summary>
    private RunData Data()
    {
        var data = new RunData(_id) { Status = RunStatus.Running };
        var steps = Enumerable.Range(1, 5).Select(s =>
        {
            var values = new double?[StepMetrics.Count];
            (values[(int)StepMetric.Loss], values[(int)StepMetric.PopulationLoss]) = (1.0 / s, 2.0 / s);
            (values[(int)StepMetric.PopulationDiversity], values[(int)StepMetric.Evaluations]) = (0.1, 10.0 * s);
            if (s is 1 or 5) values[(int)StepMetric.GradNormBefore] = 0.5;
            return new StepPoint(s, values);
        });
        data.Apply(new StepBatch(_id, 1, 5, [.. steps], [], false, [], [], []));
        return data;
    }

    [Fact]
    public void Genetic_DrawsBestAndMeanLossDiversityAndEvaluations()
    {
        var chart = Render<SearchChart>(p => p.Add(c => c.Data, Data()).Add(c => c.Method, TrainingMethod.Genetic).Add(c => c.Search, new SearchSpec()));

        chart.WaitForAssertion(() => Assert.Equal(2, ChartCalls("updateLines").Count));
        var options = ChartCalls("initLines").Select(c => (LineChartOptions)c.Arguments[1]!).ToList();
        Assert.Equal(["best member's loss", "population mean loss", "population diversity"], options[0].Series.Select(s => s.Label));
        Assert.Equal("evaluations (cumulative)", Assert.Single(options[1].Series).Label);
        Assert.Equal([5, 5, 5], ((LinePayloadMeta)ChartCalls("updateLines")[0].Arguments[2]!).Lengths);
        Assert.Contains("forward evaluations used so far: 50", chart.Find("[data-testid=search-panel]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EvolutionStrategy_NamesTheMeansLoss()
    {
        Render<SearchChart>(p => p.Add(c => c.Data, Data()).Add(c => c.Method, TrainingMethod.EvolutionStrategy).Add(c => c.Search, new SearchSpec()));

        Assert.Equal("mean θ's loss", ((LineChartOptions)ChartCalls("initLines")[0].Arguments[1]!).Series[0].Label);
    }

    [Fact]
    public void TrainingChart_SearchRun_DrawsTheProbesAsPointsUnderTheProbeCaption()
    {
        var chart = Render<TrainingChart>(p => p.Add(c => c.Data, Data()).Add(c => c.ProbeEvery, 4).Add(c => c.Method, TrainingMethod.Genetic));

        chart.WaitForAssertion(() => Assert.Equal(2, ChartCalls("updateLines").Count));
        Assert.Contains("a probe of the best net every 4 generations", chart.Find("[data-testid=probe-note]").TextContent.ReplaceLineEndings(" "), StringComparison.Ordinal);
        var norms = (LineChartOptions)ChartCalls("initLines")[1].Arguments[1]!;
        Assert.Same(TrainingChart.ProbeNormOptions, norms);
        Assert.True(Assert.Single(norms.Series).Points);
        Assert.Equal([2], ((LinePayloadMeta)ChartCalls("updateLines")[1].Arguments[2]!).Lengths);
    }

    [Fact]
    public void TrainingChart_BackpropRun_HasNoProbeCaption()
    {
        var chart = Render<TrainingChart>(p => p.Add(c => c.Data, Data()));

        Assert.Empty(chart.FindAll("[data-testid=probe-note]"));
        Assert.NotSame(TrainingChart.ProbeNormOptions, (LineChartOptions)ChartCalls("initLines")[1].Arguments[1]!);
    }
}
