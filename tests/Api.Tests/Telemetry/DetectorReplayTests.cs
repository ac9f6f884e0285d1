using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>The real engine: replaying the detectors over a stored run finds exactly the events and episodes stored live.</summary>
public sealed class DetectorReplayTests(DetectorReplayTests.Factory factory) : IClassFixture<DetectorReplayTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override bool UseScriptedTrainer => false;
    }

    private const string Clipped = """
        {"name": "clipped", "model": {"depth": 3, "width": 16, "activation": "tanh"}, "init": {"scheme": "xavier-normal"},
         "data": {"kind": "moons", "samples": 200}, "optimizer": {"kind": "adam", "learningRate": 0.01},
         "clipping": {"mode": "global-norm", "threshold": 0.5}, "training": {"steps": 60, "batchSize": 16, "evalEvery": 7, "seed": 11}}
        """;

    private const string Diverges = """
        {"name": "diverges", "model": {"depth": 6, "width": 32, "activation": "relu"}, "init": {"scheme": "he-normal"},
         "data": {"kind": "moons", "samples": 200}, "optimizer": {"kind": "sgd", "learningRate": 1000},
         "training": {"steps": 200, "batchSize": 16, "evalEvery": 7, "seed": 11, "loss": "mse"}}
        """;

    // A 10-layer sigmoid net under standard init (vanishing from step 1) with a tight clipping threshold (clipping episodes).
    private const string Vanishes = """
        {"name": "vanishes", "model": {"depth": 10, "width": 16, "activation": "sigmoid"}, "init": {"scheme": "standard"},
         "data": {"kind": "moons", "samples": 200}, "optimizer": {"kind": "sgd", "learningRate": 0.5},
         "clipping": {"mode": "global-norm", "threshold": 0.02}, "training": {"steps": 80, "batchSize": 16, "evalEvery": 7, "seed": 11}}
        """;

    [Fact]
    public async Task Replay_RunWithClipping_ReproducesTheStoredEvents()
    {
        var (stored, replayed, status) = await TrainAndReplayAsync(Clipped);

        Assert.Equal(RunStatus.Completed, status);
        Assert.Contains(stored.Events, e => e.Kind == RunEventKinds.Clipping);
        Assert.Equal(stored.Events, replayed.Events);
    }

    [Fact]
    public async Task Replay_DivergedRun_ReproducesTheStoredEventsWithTheDivergenceLast()
    {
        var (stored, replayed, status) = await TrainAndReplayAsync(Diverges);

        Assert.Equal(RunStatus.Diverged, status);
        Assert.Equal(RunEventKinds.Diverged, stored.Events[^1].Kind);
        Assert.Equal(stored.Events, replayed.Events);
    }

    [Fact]
    public async Task Replay_DivergedRun_ReproducesTheStoredEpisodesAllClosed()
    {
        var (stored, replayed, _) = await TrainAndReplayAsync(Diverges);

        Assert.Contains(stored.Episodes, e => e.Kind == EpisodeKinds.Diverged && e.Steps == 1);
        Assert.All(stored.Episodes, e => Assert.False(e.Open));
        Assert.Equal(stored.Episodes, replayed.Episodes);
    }

    [Fact]
    public async Task Replay_VanishingClippedRun_ReproducesTheStoredEpisodes()
    {
        var (stored, replayed, status) = await TrainAndReplayAsync(Vanishes);

        Assert.Equal(RunStatus.Completed, status);
        Assert.Contains(stored.Episodes, e => e.Kind == EpisodeKinds.Vanishing && e.Layer > 1);
        Assert.Contains(stored.Episodes, e => e.Kind == EpisodeKinds.Clipping);
        Assert.All(stored.Episodes, e => Assert.False(e.Open));
        Assert.Equal(stored.Episodes, replayed.Episodes);
    }

    private async Task<((List<RunEventMessage> Events, List<RunEpisode> Episodes) Stored, (List<RunEventMessage> Events, List<RunEpisode> Episodes) Replayed, RunStatus Status)> TrainAndReplayAsync(string spec)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs", new StringContent(spec, Encoding.UTF8, "application/json"));
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        var finished = await RunWaiter.FinishedAsync(client, created!.Id);

        await using var scope = factory.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<RunStore>().FindAsync(created.Id, CancellationToken.None);
        var series = scope.ServiceProvider.GetRequiredService<SeriesStore>();
        var rows = await series.EventsAsync(run!.Key, null, 1, int.MaxValue, null, 0, int.MaxValue, CancellationToken.None);
        var episodes = await series.EpisodesAsync(run.Key, CancellationToken.None);
        var replayed = await scope.ServiceProvider.GetRequiredService<DetectorReplay>().RunAsync(run, CancellationToken.None);
        return (([.. rows.Select(WireFrames.Event)], [.. episodes.Select(WireFrames.Episode)]), replayed, finished.Summary.Status);
    }
}
