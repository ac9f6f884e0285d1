using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Api.Workers;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>The real engine: episodes are stored as they grow, closed when the run ends, listed by the endpoint and pushed to live subscribers.</summary>
public sealed class EpisodesEndpointsTests(EpisodesEndpointsTests.Factory factory) : IClassFixture<EpisodesEndpointsTests.Factory>
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

    private const int Steps = 80;

    private readonly HttpClient _client = factory.CreateClient();

    // A 10-layer sigmoid net under standard init: vanishing from the first step, clipped at a tight threshold.
    private static string Vanishing(string name) => """
        {"name": "NAME", "model": {"depth": 10, "width": 16, "activation": "sigmoid"}, "init": {"scheme": "standard"},
         "data": {"kind": "moons", "samples": 200}, "optimizer": {"kind": "sgd", "learningRate": 0.5},
         "clipping": {"mode": "global-norm", "threshold": 0.02}, "training": {"steps": 80, "batchSize": 16, "evalEvery": 7, "seed": 11}}
        """.Replace("NAME", name, StringComparison.Ordinal);

    private async Task<Guid> SubmitAsync(string name)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(Vanishing(name), Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
    }

    private async Task<List<RunEpisode>> EpisodesAsync(Guid id, string query = "") =>
        (await _client.GetFromJsonAsync<List<RunEpisode>>($"/api/runs/{id}/episodes{query}", Json.Options))!;

    [Fact]
    public async Task Episodes_FinishedRun_ListsItsEpisodesClosedInFirstStepOrder()
    {
        var id = await SubmitAsync("finished");
        await RunWaiter.FinishedAsync(_client, id);

        var episodes = await EpisodesAsync(id);

        Assert.Contains(episodes, e => e.Kind == EpisodeKinds.Vanishing && e.Layer > 1 && e.Peak > 1 && e.FirstStep == 1);
        Assert.Contains(episodes, e => e.Kind == EpisodeKinds.Clipping);
        Assert.All(episodes, e => Assert.False(e.Open));
        Assert.Equal(episodes.OrderBy(e => e.FirstStep).Select(e => e.FirstStep), episodes.Select(e => e.FirstStep));
        // The batch that closes the episodes at the end holds no step: it must not erase the run's final loss.
        var run = (await _client.GetFromJsonAsync<RunDetail>($"/api/runs/{id}", Json.Options))!;
        Assert.NotNull(run.Summary.FinalLoss);
    }

    [Fact]
    public async Task Episodes_RunningRun_ShowsItsEpisodeOpenAndGrowing()
    {
        var gate = factory.Engine.Hold("running", 50);
        var id = await SubmitAsync("running");
        await gate.Held;
        await RunWaiter.UntilAsync(_client, id, r => r.Summary.StepsDone >= 49);

        var open = Assert.Single(await EpisodesAsync(id, "?kind=vanishing"));
        gate.Open();
        await RunWaiter.FinishedAsync(_client, id);
        var closed = Assert.Single(await EpisodesAsync(id, "?kind=vanishing"));

        Assert.Equal((1, 49, true), (open.FirstStep, open.LastStep, open.Open));
        Assert.Equal((1, Steps, Steps, false), (closed.FirstStep, closed.LastStep, closed.Steps, closed.Open));
    }

    [Fact]
    public async Task Episodes_KindFilter_ReturnsOnlyThatKind()
    {
        var id = await SubmitAsync("filtered");
        await RunWaiter.FinishedAsync(_client, id);

        var clipping = await EpisodesAsync(id, "?kind=clipping");

        Assert.NotEmpty(clipping);
        Assert.All(clipping, e => Assert.Equal(EpisodeKinds.Clipping, e.Kind));
    }

    [Fact]
    public async Task Episodes_UnknownKind_Returns400NamingTheAllowedKinds()
    {
        var id = await SubmitAsync("bad-kind");

        var response = await _client.GetAsync($"/api/runs/{id}/episodes?kind=sad");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(string.Join(", ", EpisodeKinds.All), Assert.Single(problem!.Errors!["kind"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Episodes_UnknownRun_Returns404()
    {
        var response = await _client.GetAsync($"/api/runs/{Guid.NewGuid()}/episodes");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Subscribe_HeldRun_BackfillCarriesTheOpenEpisodeAndLiveBatchesItsClose()
    {
        var gate = factory.Engine.Hold("live", 30);
        var id = await SubmitAsync("live");
        await gate.Held;
        await RunWaiter.UntilAsync(_client, id, r => r.Summary.StepsDone >= 29);
        await using var hub = new HubClient(factory);
        await hub.StartAsync();
        var subscribed = await hub.SubscribeAsync(id, 0);
        gate.Open();
        await hub.FinishedAsync();

        var backfill = hub.Batches.Where(b => b.LastStep <= subscribed.BackfilledThrough).SelectMany(b => b.Episodes).ToList();
        var live = hub.Batches.Where(b => b.FirstStep > subscribed.BackfilledThrough).SelectMany(b => b.Episodes).ToList();
        Assert.Contains(backfill, e => e.Kind == EpisodeKinds.Vanishing && e.Open && e.LastStep == subscribed.BackfilledThrough);
        Assert.Contains(live, e => e.Kind == EpisodeKinds.Vanishing && !e.Open && e.LastStep == Steps);
        var newest = hub.Batches.SelectMany(b => b.Episodes).GroupBy(e => (e.Kind, e.Track, e.FirstStep)).Select(g => g.Last()).ToList();
        Assert.Equal(await EpisodesAsync(id), newest.OrderBy(e => e.FirstStep).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Track));
    }
}
