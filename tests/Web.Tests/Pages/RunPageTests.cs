using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using GradientService.Web.Pages;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Web.Tests.Pages;

public sealed class RunPageTests : DashboardContext
{
    private readonly Guid _id = Guid.NewGuid();
    private int _detailCalls;
    private RunDetail? _first;
    private RunDiagnosis? _diagnosis;

    public RunPageTests()
    {
        // Routes match by prefix, the latest first: the run's own path goes in before its sub-resources.
        Http.On(HttpMethod.Get, $"api/runs/{_id}", _ =>
            StubHttp.Json(++_detailCalls == 1 ? _first ?? Wire.Detail(_id, RunStatus.Running, 0) : Wire.Detail(_id, RunStatus.Completed, 5) with { Diagnosis = _diagnosis }));
        Http.On(HttpMethod.Get, $"api/runs/{_id}/heatmap", request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            return StubHttp.Packed(Wire.Heatmap(_id, int.Parse(query["from"]!), int.Parse(query["to"]!)));
        });
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/events", new Page<RunEventMessage>([], 1, 100, 0));
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/episodes", new[] { Diagnoses.Episode(EpisodeKinds.Vanishing, 1, 4, layer: 2, open: true) });
        Http.On(HttpMethod.Get, $"api/runs/{_id}/steps", _ => StubHttp.Packed(new SeriesResponse(_id, null, 1, 4, 0, false, "none", [])));
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/theory", Diagnoses.Theory());
        Http.OnJson(HttpMethod.Get, $"api/runs/{_id}/depth-profile", new DepthProfile(_id, 1, ["deltaNorm", "weightGradNorm"], [new(2, "layers.2", [0.1, 0.5])]));
    }

    [Fact]
    public async Task Open_RunFromAReproducingPreset_ShowsThePresetsFiguresBesideTheSource()
    {
        _first = Wire.Detail(_id, RunStatus.Running, 0) is var d ? d with { Summary = d.Summary with { Preset = "relu30-he" } } : null;

        var (page, _) = await OpenAsync();

        var card = page.Find("[data-testid=reproduction]");
        Assert.Contains("He et al. 2015", card.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", card.QuerySelector("[data-testid=published]")!.TextContent);
        Assert.StartsWith("0.978 ± ", card.QuerySelector("[data-testid=ours]")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<(IRenderedComponent<Run> Page, FakeRunStream.Subscription Subscription)> OpenAsync()
    {
        var page = Render<Run>(p => p.Add(r => r.Id, _id));
        page.WaitForAssertion(() => Assert.Single(Stream.Subscriptions));
        return (page, Stream.Subscriptions[0]);
    }

    private void Tick() => Clock.Advance(Run.RenderInterval);

    [Fact]
    public async Task Open_SubscribesFromTheStartAndDrawsCharts()
    {
        var (_, subscription) = await OpenAsync();

        Assert.Equal(_id, subscription.RunId);
        Assert.Equal(0, subscription.LastStep);
        Assert.NotEmpty(ChartCalls("initHeatmap"));
        Assert.NotEmpty(ChartCalls("initLines"));
    }

    [Fact]
    public async Task Open_NegotiatesALiveViewOfOneUpdatePerRenderTickAtTheGridsColumns()
    {
        var (_, subscription) = await OpenAsync();

        Assert.Equal(new LiveView(10, 1024), subscription.View);
    }

    [Fact]
    public async Task LiveDigest_OnRenderTick_ShowsNewestStepWithNoneMissing()
    {
        var (page, subscription) = await OpenAsync();

        await page.InvokeAsync(() => subscription.Observer.OnDigest(new LiveDigest(_id, 1, 40, [new StepPoint(40, [0.5, 0.5, null, null, 0.1, 2.0, 1.0, 0.5])],
            null, Wire.Frame(40), [], [], [])));
        Tick();

        page.WaitForAssertion(() => Assert.Equal("40", page.Find("[data-testid=step-counter]").TextContent));
        Assert.Equal("40", page.Find("[data-testid=link-state]").GetAttribute("data-received"));
        Assert.Equal("0", page.Find("[data-testid=link-state]").GetAttribute("data-missing"));
    }

    [Fact]
    public async Task LiveBatches_OnRenderTick_ShowNewestStepAndUpdateCharts()
    {
        var (page, subscription) = await OpenAsync();
        var heatmapUpdates = ChartCalls("updateHeatmapColumns").Count;

        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 1, 3)));
        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 4, 5)));
        Tick();

        page.WaitForAssertion(() => Assert.Equal("5", page.Find("[data-testid=step-counter]").TextContent));
        Assert.Equal("5", page.Find("[data-testid=link-state]").GetAttribute("data-received"));
        Assert.Equal("0", page.Find("[data-testid=link-state]").GetAttribute("data-missing"));
        Assert.True(ChartCalls("updateHeatmapColumns").Count > heatmapUpdates);
    }

    [Fact]
    public async Task Burst_OfBatchesBetweenTicks_RendersOnce()
    {
        var (page, subscription) = await OpenAsync();
        Tick();
        var before = ChartCalls("updateHeatmapColumns").Count;

        for (var step = 1; step <= 20; step++)
        {
            var s = step;
            await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, s, s)));
        }
        Tick();

        page.WaitForAssertion(() => Assert.Equal("20", page.Find("[data-testid=step-counter]").TextContent));
        Assert.Equal(before + 1, ChartCalls("updateHeatmapColumns").Count);
    }

    [Fact]
    public async Task RunEnds_WhileOpen_ShowsFinalStatusAndReloadsItsFigures()
    {
        var (page, subscription) = await OpenAsync();
        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 1, 5)));

        await page.InvokeAsync(() => subscription.Observer.OnStatus(Wire.Status(_id, RunStatus.Completed, 5)));
        Tick();

        page.WaitForAssertion(() => Assert.Equal("completed", page.Find("[data-testid=status]").TextContent));
        page.WaitForAssertion(() => Assert.Equal(2, _detailCalls));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconnect_ShowsReconnectingThenRefillsTheMissedStepsOverHttp()
    {
        var (page, subscription) = await OpenAsync();
        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 1, 5)));
        await page.InvokeAsync(() => subscription.Observer.OnLinkChanged(LinkState.Reconnecting));
        Tick();
        page.WaitForAssertion(() => Assert.Contains("reconnecting", page.Find("[data-testid=link-state]").TextContent, StringComparison.Ordinal));

        Stream.Reconnects = 1;
        await page.InvokeAsync(() => subscription.Observer.OnLinkChanged(LinkState.Live));
        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 6, 8)));
        await page.InvokeAsync(() => subscription.Observer.OnSubscribed(new SubscribeResult(true, RunStatus.Running, 8, 8), resumed: true));
        Tick();

        page.WaitForAssertion(() => Assert.Equal("8", page.Find("[data-testid=step-counter]").TextContent));
        Assert.Contains(Http.Requests, r => r.StartsWith($"GET api/runs/{_id}/heatmap?field=weightGradNorm&from=6&to=8", StringComparison.Ordinal));
        Assert.Contains("reconnected 1×", page.Find("[data-testid=link-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", page.Find("[data-testid=link-state]").GetAttribute("data-missing"));
    }

    [Fact]
    public async Task RepeatedSteps_AfterResubscribe_AreHeldOnce()
    {
        var (page, subscription) = await OpenAsync();

        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 1, 6)));
        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 4, 9)));
        Tick();

        page.WaitForAssertion(() => Assert.Equal("9", page.Find("[data-testid=step-counter]").TextContent));
        Assert.Equal("9", page.Find("[data-testid=link-state]").GetAttribute("data-received"));
    }

    [Fact]
    public async Task Leaving_ThePage_DisposesTheSubscription()
    {
        var (page, subscription) = await OpenAsync();

        await page.Instance.DisposeAsync();

        Assert.True(subscription.Disposed);
    }

    [Fact]
    public async Task Cancel_RefusedForWantOfTheApiKey_SaysWhereToEnterIt()
    {
        Http.On(HttpMethod.Post, $"api/runs/{_id}/cancel", _ =>
            StubHttp.Json(new { title = "API key required", status = 401 }, System.Net.HttpStatusCode.Unauthorized, "application/problem+json"));
        var (page, _) = await OpenAsync();

        page.FindAll("button").Single(b => b.TextContent == "Cancel run").Click();

        page.WaitForAssertion(() => Assert.Contains("API key field at the top of the page", page.Find("[data-testid=cancel-problem]").TextContent));
    }

    [Fact]
    public async Task Delete_FinishedRunConfirmed_DeletesItAndReturnsToTheRuns()
    {
        Http.On(HttpMethod.Delete, $"api/runs/{_id}", _ => new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        var (page, subscription) = await OpenAsync();
        await page.InvokeAsync(() => subscription.Observer.OnStatus(Wire.Status(_id, RunStatus.Completed, 5)));
        Tick();
        page.WaitForAssertion(() => page.Find("[data-testid=delete]").Click());

        page.Find("[data-testid=delete-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains($"DELETE api/runs/{_id}", Http.Requests));
        Assert.Equal("http://localhost/", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    [Fact]
    public async Task Open_WithADiagnosis_ShowsItAboveTheCharts()
    {
        _first = Diagnoses.Detail(_id, Diagnoses.Vanishing()) with { Summary = Wire.Detail(_id, RunStatus.Running, 0).Summary };

        var (page, _) = await OpenAsync();

        Assert.Equal("vanishing", page.Find("[data-testid=diagnosis] [data-testid=verdict]").TextContent);
        var order = page.FindAll("[data-testid=diagnosis], [data-testid=depth-profile]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["diagnosis", "depth-profile"], order);
    }

    [Fact]
    public async Task LiveEpisodes_RefreshTheDiagnosisAtMostOncePerInterval()
    {
        _diagnosis = Diagnoses.Vanishing();
        var (page, subscription) = await OpenAsync();
        Assert.NotNull(page.Find("[data-testid=diagnosis-pending]"));

        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 1, 3).WithEpisodes(Diagnoses.Episode(EpisodeKinds.Clipping, 2, 3, open: true))));
        Tick();
        await page.InvokeAsync(() => subscription.Observer.OnBatch(Wire.Batch(_id, 4, 4).WithEpisodes(Diagnoses.Episode(EpisodeKinds.Clipping, 2, 4, open: true))));
        Tick();
        Assert.Equal(1, _detailCalls);

        Clock.Advance(DiagnosisRefresh.Interval);

        page.WaitForAssertion(() => Assert.Equal("vanishing", page.Find("[data-testid=diagnosis] [data-testid=verdict]").TextContent));
        Assert.Equal(2, _detailCalls);
        Tick();
        Assert.Equal(2, _detailCalls);
    }

    [Fact]
    public async Task Open_StoredRun_ListsItsEpisodesAndShadesThemOnTheTrainingChart()
    {
        _first = Wire.Detail(_id, RunStatus.Running, 4);

        var (page, _) = await OpenAsync();
        Tick();

        page.WaitForAssertion(() => Assert.Equal("1–4", page.Find("[data-testid=episodes] tbody tr td:nth-child(3)").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=episode-live]"));
        var marks = ChartCalls("updateLines").Select(c => (LinePayloadMeta)c.Arguments[2]!).SelectMany(m => m.Marks);
        Assert.Contains(marks, m => m.Kind == EpisodeKinds.Vanishing && m.X == 0.5 && m.X1 == 4.5);
    }

    [Fact]
    public async Task Open_FeedforwardRun_AsksForItsTheory()
    {
        await OpenAsync();

        Assert.Contains($"GET api/runs/{_id}/theory", Http.Requests);
    }
}
