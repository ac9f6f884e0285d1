using System.Buffers.Binary;
using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Pages;
using GradientService.Web.Services;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Live;

public sealed class FirstLookRehearsalTests : DashboardContext
{
    private const int Steps = FirstLookRehearsal.Steps;
    private readonly FirstLookRehearsal _rehearsal = new();
    private readonly Guid _id = FirstLookRehearsal.RunId;

    public FirstLookRehearsalTests()
    {
        Services.AddSingleton(_rehearsal);
        Services.AddSingleton(Http.Client(new FirstLookRehearsal.Handler(_rehearsal)));
    }

    private ApiClient Api => Services.GetRequiredService<ApiClient>();

    [Fact]
    public async Task WhileOn_TheMadeUpRunsFirstLookIsAnsweredAsTheApiWould_ShapedByWhatThePageAsks()
    {
        _rehearsal.Begin();

        var detail = await Api.GetRunAsync(_id);
        var series = await Api.StepsAsync(_id, RunData.SeriesFields, Run.SeriesPoints, Steps);
        var heatmap = await Api.HeatmapAsync(_id, "deltaNorm", 1, Steps, 782);
        var profile = await Api.DepthProfileAsync(_id, Steps, "weightGradNorm,deltaNorm");
        var events = await Api.EventsAsync(_id, page: 1, pageSize: 100);
        var episodes = await Api.EpisodesAsync(_id);
        var theory = await Api.TheoryAsync(_id);

        Assert.Empty(Http.Requests); // none reached the Api
        Assert.Equal((RunStatus.Completed, Steps, FirstLookRehearsal.Layers), (detail.Summary.Status, detail.Summary.StepsDone, detail.Layers.Count));
        Assert.NotEmpty(detail.Diagnosis!.Findings);
        Assert.NotEmpty(detail.Diagnosis.Remedies);
        Assert.Equal(RunData.SeriesFields.Split(','), series.Series.Select(s => s.Field));
        var steps = series.Series[0].Steps;
        Assert.Equal(Run.SeriesPoints * sizeof(int), steps.Length);
        Assert.Equal((1, Steps), (BinaryPrimitives.ReadInt32LittleEndian(steps), BinaryPrimitives.ReadInt32LittleEndian(steps.AsSpan(steps.Length - sizeof(int)))));
        Assert.Equal(("deltaNorm", 782, FirstLookRehearsal.Layers), (heatmap.Field, heatmap.ColumnFirstSteps.Count, heatmap.Values.Count));
        Assert.Equal((1, Steps), (heatmap.ColumnFirstSteps[0], heatmap.ColumnLastSteps[^1]));
        Assert.All(heatmap.ColumnFirstSteps.Skip(1).Zip(heatmap.ColumnLastSteps), c => Assert.Equal(c.Second + 1, c.First)); // columns tile the run
        Assert.All(heatmap.Values, row => Assert.All(row, v => Assert.True(v > 0 && double.IsFinite(v))));
        Assert.Equal(["weightGradNorm", "deltaNorm"], profile.Fields);
        Assert.Equal(FirstLookRehearsal.Layers, profile.Layers.Count);
        Assert.Equal(100, events.Items.Count);
        Assert.NotEmpty(episodes);
        Assert.Equal(FirstLookRehearsal.Layers - 1, theory.Layers.Count);
    }

    [Fact]
    public async Task WhileOn_AnyOtherPartOfTheMadeUpRunIsNotFound_AndOtherRunsGoToTheApi()
    {
        var other = Guid.NewGuid();
        Http.OnJson(HttpMethod.Get, $"api/runs/{other}", Wire.Detail(other, RunStatus.Completed, 5, 5));
        _rehearsal.Begin();

        var timeLag = await Assert.ThrowsAsync<ApiException>(() => Api.TimeLagAsync(_id, 1, 200));
        var detail = await Api.GetRunAsync(other);

        Assert.Equal(404, timeLag.Problem.Status);
        Assert.Equal(other, detail.Summary.Id);
        Assert.Equal([$"GET api/runs/{other}"], Http.Requests);
    }

    [Fact]
    public async Task Ended_TheMadeUpRunsRequestsGoToTheApi()
    {
        _rehearsal.Begin();
        _rehearsal.End();

        await Assert.ThrowsAsync<ApiException>(() => Api.GetRunAsync(_id));

        Assert.Equal([$"GET api/runs/{_id}"], Http.Requests);
    }
}
