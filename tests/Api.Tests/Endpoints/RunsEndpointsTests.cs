using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

public sealed class RunsEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<RunCreated> SubmitAsync(object spec)
    {
        var response = await _client.PostAsync("/api/runs", Json.Body(spec));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!;
    }

    [Fact]
    public async Task Submit_ValidSpec_Returns202WithLocationOfTheRun()
    {
        var response = await _client.PostAsync("/api/runs", Json.Body(Json.TinySpec()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        Assert.Equal($"/api/runs/{created!.Id}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Submit_RunCompletes_EveryStepIsQueryable()
    {
        var created = await SubmitAsync(Json.TinySpec(steps: 57));

        var run = await RunWaiter.FinishedAsync(_client, created.Id);
        var steps = await _client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{created.Id}/steps?fields=loss&maxPoints=1000", Json.Options);

        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(57, run.Summary.StepsDone);
        Assert.Equal(Enumerable.Range(1, 57), steps!.Series[0].Points.Select(p => p.Step));
    }

    [Fact]
    public async Task Submit_RunCompletes_EveryLayerHasEveryStep()
    {
        var created = await SubmitAsync(Json.TinySpec(steps: 30));
        var run = await RunWaiter.FinishedAsync(_client, created.Id);

        foreach (var layer in run.Layers)
        {
            var series = await _client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{created.Id}/layers/{layer.Index}?fields=weightGradNorm,deadFraction", Json.Options);
            Assert.All(series!.Series, s => Assert.Equal(30, s.Points.Count));
        }
        Assert.Equal(3, run.Layers.Count);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var response = await _client.GetAsync($"/api/runs/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_FilterByActivationAndText_ReturnsOnlyMatchingRuns()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var tanh = Json.TinySpec(name: $"{marker} tanh") with { Model = new Contracts.Spec.MlpSpec { Depth = 2, Width = 8, Activation = Contracts.Spec.ActivationKind.Tanh } };
        await SubmitAsync(tanh);
        await SubmitAsync(Json.TinySpec(name: $"{marker} relu"));

        var page = await _client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?activation=tanh&q={marker}", Json.Options);

        Assert.Single(page!.Items);
        Assert.Equal($"{marker} tanh", page.Items[0].Name);
    }

    [Fact]
    public async Task List_PageSizeTwo_PagesThroughNewestFirst()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++) await SubmitAsync(Json.TinySpec(name: $"{marker}-{i}"));

        var first = await _client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?q={marker}&pageSize=2&page=1", Json.Options);
        var third = await _client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?q={marker}&pageSize=2&page=3", Json.Options);

        Assert.Equal(5, first!.Total);
        Assert.Equal([$"{marker}-4", $"{marker}-3"], first.Items.Select(r => r.Name));
        Assert.Equal([$"{marker}-0"], third!.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task List_UnknownStatus_Returns400NamingTheParameter()
    {
        var response = await _client.GetAsync("/api/runs?status=sleeping&pageSize=0");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status", problem!.Errors!.Keys);
        Assert.Contains("pageSize", problem.Errors.Keys);
    }

    [Fact]
    public async Task Cancel_FinishedRun_Returns409()
    {
        var created = await SubmitAsync(Json.TinySpec(steps: 5));
        await RunWaiter.FinishedAsync(_client, created.Id);

        var response = await _client.PostAsync($"/api/runs/{created.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Delete_FinishedRun_RemovesItAndItsSeries()
    {
        var created = await SubmitAsync(Json.TinySpec(steps: 12));
        await RunWaiter.FinishedAsync(_client, created.Id);

        var deleted = await _client.DeleteAsync($"/api/runs/{created.Id}");
        var after = await _client.GetAsync($"/api/runs/{created.Id}/steps");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Preset_WithStepOverride_RunsThePresetSpec()
    {
        var response = await _client.PostAsync("/api/runs/from-preset/deep-sigmoid", Json.Body(new { training = new { steps = 15 } }));
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);

        var run = await RunWaiter.FinishedAsync(_client, created!.Id);

        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal("deep-sigmoid", run.Summary.Preset);
        Assert.Equal(15, run.Summary.StepsDone);
        Assert.Equal(10, run.Spec.Model.Depth);
    }

    [Fact]
    public async Task Preset_Unknown_Returns404()
    {
        var response = await _client.PostAsync("/api/runs/from-preset/no-such-thing", Json.Body(new { }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Diverging_Run_IsMarkedDivergedWithStepAndEvent()
    {
        factory.Trainers.DivergeAt = 9;
        try
        {
            var created = await SubmitAsync(Json.TinySpec(steps: 20, name: "diverges"));
            var run = await RunWaiter.FinishedAsync(_client, created.Id);
            var events = await _client.GetFromJsonAsync<Page<RunEventMessage>>($"/api/runs/{created.Id}/events?kind=diverged", Json.Options);

            Assert.Equal(RunStatus.Diverged, run.Summary.Status);
            Assert.Equal(9, run.DivergedStep);
            Assert.Equal(9, Assert.Single(events!.Items).Step);
        }
        finally
        {
            factory.Trainers.DivergeAt = -1;
        }
    }

    [Fact]
    public async Task Get_MalformedIdUnderApi_Returns404ProblemNotTheDashboard()
    {
        var response = await _client.GetAsync("/api/runs/not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
