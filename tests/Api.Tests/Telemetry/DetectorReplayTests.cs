using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>The real engine: replaying the detectors over a stored run finds exactly the events stored live.</summary>
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

    [Fact]
    public async Task Replay_RunWithClipping_ReproducesTheStoredEvents()
    {
        var (stored, replayed, status) = await TrainAndReplayAsync(Clipped);

        Assert.Equal(RunStatus.Completed, status);
        Assert.Contains(stored, e => e.Kind == RunEventKinds.Clipping);
        Assert.Equal(stored, replayed);
    }

    [Fact]
    public async Task Replay_DivergedRun_ReproducesTheStoredEventsWithTheDivergenceLast()
    {
        var (stored, replayed, status) = await TrainAndReplayAsync(Diverges);

        Assert.Equal(RunStatus.Diverged, status);
        Assert.Equal(RunEventKinds.Diverged, stored[^1].Kind);
        Assert.Equal(stored, replayed);
    }

    private async Task<(List<RunEventMessage> Stored, List<RunEventMessage> Replayed, RunStatus Status)> TrainAndReplayAsync(string spec)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs", new StringContent(spec, Encoding.UTF8, "application/json"));
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        var finished = await RunWaiter.FinishedAsync(client, created!.Id);

        await using var scope = factory.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<RunStore>().FindAsync(created.Id, CancellationToken.None);
        var rows = await scope.ServiceProvider.GetRequiredService<SeriesStore>().EventsAsync(run!.Key, null, 1, int.MaxValue, null, 0, int.MaxValue, CancellationToken.None);
        var replayed = await scope.ServiceProvider.GetRequiredService<DetectorReplay>().RunAsync(run, CancellationToken.None);
        return ([.. rows.Select(WireFrames.Event)], replayed, finished.Summary.Status);
    }
}
