using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Api.Workers;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>The real engine: a hierarchical-softmax run's gradient per tree depth is stored, served, exported and pushed live.</summary>
public sealed class OutputDepthsEndpointsTests(OutputDepthsEndpointsTests.Factory factory) : IClassFixture<OutputDepthsEndpointsTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        public HeldEngineFactory Engine { get; } = new();

        protected override bool UseScriptedTrainer => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<ITrainerFactory>(Engine)));
        }
    }

    private const int Steps = 40, Depths = 4;

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>16 blobs: a tree of 15 inner nodes at depths 1 … 4.</summary>
    private static RunSpec Spec(string name, OutputLayer output = OutputLayer.HierarchicalSoftmax) => Json.TinySpec(steps: Steps, name: name) with
    {
        Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Classes = 16, Samples = 320 },
        Training = Json.TinySpec().Training with { Steps = Steps, Output = output },
    };

    private async Task<Guid> SubmitAsync(RunSpec spec)
    {
        var response = await _client.PostAsync("/api/runs", Json.Body(spec));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
    }

    [Fact]
    public async Task OutputDepths_HierarchicalRun_ServesOneSeriesPerTreeDepthAtEveryStep()
    {
        var id = await SubmitAsync(Spec("served"));
        var run = await RunWaiter.FinishedAsync(_client, id);

        var series = await _client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/output-depths", Json.Options);

        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(["depth1", "depth2", "depth3", "depth4"], series!.Series.Select(s => s.Field));
        Assert.Equal(3, series.Layer);
        Assert.All(series.Series, s => Assert.Equal(Enumerable.Range(1, Steps), s.Points.Select(p => p.Step)));
        Assert.All(series.Series.SelectMany(s => s.Points), p => Assert.True(p.Value > 0 && double.IsFinite(p.Value), $"step {p.Step}: {p.Value}"));
    }

    [Fact]
    public async Task GetRun_HierarchicalRun_IsDiagnosedFromItsRecordedGradients()
    {
        var id = await SubmitAsync(Spec("diagnosed"));
        var run = await RunWaiter.FinishedAsync(_client, id);

        var detail = await _client.GetFromJsonAsync<RunDetail>($"/api/runs/{id}", Json.Options);

        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal("hierarchical-softmax", detail!.Layers[^1].Kind);
        Assert.Equal(15, detail.Layers[^1].Outputs);
        Assert.Equal(DiagnosisVerdict.Healthy, detail.Diagnosis!.Verdict);
        Assert.NotNull(detail.Diagnosis.Depth);
    }

    [Fact]
    public async Task OutputDepthsCsv_HierarchicalRun_HasAColumnPerDepthAndARowPerStep()
    {
        var id = await SubmitAsync(Spec("exported"));
        await RunWaiter.FinishedAsync(_client, id);
        var served = await _client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/output-depths?from=5&to=5", Json.Options);

        var lines = (await _client.GetStringAsync($"/api/runs/{id}/export/output-depths.csv")).TrimEnd().Split('\n');

        Assert.Equal("step,depth1,depth2,depth3,depth4", lines[0]);
        Assert.Equal(Steps + 1, lines.Length);
        var row = lines[5].Split(',');
        Assert.Equal("5", row[0]);
        Assert.Equal(served!.Series.Select(s => s.Points.Single().Value), row.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task OutputDepths_SoftmaxRun_HasNoSeries()
    {
        var id = await SubmitAsync(Spec("softmax", OutputLayer.Softmax));
        await RunWaiter.FinishedAsync(_client, id);

        var series = await _client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/output-depths", Json.Options);

        Assert.Empty(series!.Series);
        Assert.Equal(0, series.RawPoints);
    }

    [Fact]
    public async Task Submit_HierarchicalSoftmaxWithMse_Returns400NamingTrainingOutput()
    {
        var spec = Spec("mse") with { Training = Spec("mse").Training with { Loss = LossKind.Mse } };

        var response = await _client.PostAsync("/api/runs", Json.Body(spec));

        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("training.output", problem!.Errors!.Keys);
    }

    [Fact]
    public async Task Subscribe_HierarchicalRun_StepBatchesCarryTheDepthNormsOfEveryLiveStep()
    {
        var gate = factory.Engine.Hold("live", 1);
        var id = await SubmitAsync(Spec("live"));
        await gate.Held;
        await using var hub = new HubClient(factory);
        await hub.StartAsync();
        var subscribed = await hub.SubscribeAsync(id, 0);

        gate.Open();
        await hub.FinishedAsync();
        await hub.ReachedAsync(Steps);

        var frames = hub.Batches.SelectMany(b => b.OutputDepths ?? []).ToList();
        var stored = await _client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/output-depths", Json.Options);
        var through = subscribed.BackfilledThrough;
        Assert.Equal(Enumerable.Range(through + 1, Steps - through), frames.Select(f => f.Step));
        Assert.All(frames, f => Assert.Equal(Depths, f.GradNorms.Length));
        var last = frames[^1];
        Assert.Equal(stored!.Series.Select(s => s.Points.Single(p => p.Step == last.Step).Value), last.GradNorms);
    }
}
