using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Tests.Shared;

namespace GradientService.Api.Tests.Workers;

/// <summary>The real Api and the real engine as a separate process, killed with SIGKILL mid-run and started again.</summary>
public sealed class ProcessKillTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));

    public ProcessKillTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp space */ }
    }

    private static readonly RunSpec Spec = new()
    {
        Name = "killed mid-run",
        Model = new MlpSpec { Depth = 3, Width = 16, Activation = ActivationKind.Tanh },
        Init = new InitSpec { Scheme = InitScheme.XavierNormal },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 400 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 1e-2 },
        // Long enough (seconds, not a fraction of one) that the poll reliably sees it running past step 250.
        Training = new TrainingSpec { Steps = 20_000, BatchSize = 16, EvalEvery = 100, Seed = 2024 },
    };

    [Fact]
    public async Task Kill_MidRun_RestartFinishesWithTheSeriesOfAnUninterruptedRun()
    {
        var database = Path.Combine(_folder, "gradients.db");
        (string, string)[] settings = [("Workers:CheckpointEvery", "100"), ("Workers:InstanceId", "process-test"), ("Workers:PollInterval", "00:00:00.200")];
        Guid killed;
        int recordedAtKill;
        await using (var first = await ApiProcess.StartAsync(AppContext.BaseDirectory, database, settings))
        {
            using var client = first.CreateClient();
            killed = (await (await client.PostAsync("/api/runs", Json.Body(Spec))).Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
            var midway = await RunWaiter.UntilAsync(client, killed, r => r.Summary.StepsDone >= 250 || r.Summary.Status.IsFinal());
            Assert.Equal(RunStatus.Running, midway.Summary.Status);
            await first.KillAsync();
            recordedAtKill = midway.Summary.StepsDone;
        }

        await using var second = await ApiProcess.StartAsync(AppContext.BaseDirectory, database, settings);
        using var again = second.CreateClient();
        var resumed = await RunWaiter.FinishedAsync(again, killed);
        var reference = (await (await again.PostAsync("/api/runs", Json.Body(Spec))).Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
        var uninterrupted = await RunWaiter.FinishedAsync(again, reference);

        Assert.True(recordedAtKill < Spec.Training.Steps);
        Assert.Equal(RunStatus.Completed, resumed.Summary.Status);
        Assert.Equal(RunStatus.Completed, uninterrupted.Summary.Status);
        var steps = await again.GetStringAsync($"/api/runs/{killed}/export/steps.csv");
        Assert.Equal(Spec.Training.Steps + 1, steps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(await again.GetStringAsync($"/api/runs/{reference}/export/steps.csv"), steps);
        Assert.Equal(await again.GetStringAsync($"/api/runs/{reference}/export/layers.csv"), await again.GetStringAsync($"/api/runs/{killed}/export/layers.csv"));
    }
}
