using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Spec;
using GradientService.Tests.Shared;

namespace GradientService.Api.Tests.ScaleOut;

/// <summary>
/// Several Api processes on one PostgreSQL and one Redis (docs/deploy.md's scaled mode): the queue, the leases, the live
/// feed and the limits across processes, with kill -9 and a Redis restart mid-run.
/// </summary>
public sealed class ScaleOutTests
{
    private static RunSpec Spec(int steps, string name = "scaled", int width = 16) => new()
    {
        Name = name,
        Model = new MlpSpec { Depth = 3, Width = width, Activation = ActivationKind.Tanh },
        Init = new InitSpec { Scheme = InitScheme.XavierNormal },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 400 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 1e-2 },
        Training = new TrainingSpec { Steps = steps, BatchSize = 16, EvalEvery = 100, Seed = 2024 },
    };

    private static async Task<Guid> SubmitAsync(HttpClient client, RunSpec spec)
    {
        var response = await client.PostAsync("/api/runs", Json.Body(spec));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
    }

    /// <summary>A worker instance and an Api-only instance; <paramref name="spec"/> submitted to the Api-only one (so the worker trains it).</summary>
    private static async Task<(ApiProcess Worker, ApiProcess Api, Guid Run)> WorkerAndApiAsync(Cluster cluster, RunSpec spec)
    {
        var worker = await cluster.StartInstanceAsync("worker");
        var api = await cluster.StartInstanceAsync("api", trains: false);
        using var client = api.CreateClient();
        return (worker, api, await SubmitAsync(client, spec));
    }

    /// <summary>A hub client of <paramref name="instance"/> watching <paramref name="run"/> from its first step, returned once it holds <paramref name="step"/>.</summary>
    private static async Task<HubClient> WatchFromStepAsync(ApiProcess instance, Guid run, int step)
    {
        var hub = new HubClient(instance.Address);
        await hub.StartAsync();
        await hub.SubscribeAsync(run, 0);
        await hub.ReachedAsync(step);
        return hub;
    }

    private static int Lines(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public async Task TwentyRuns_SubmittedToThreeInstances_EachClaimedByOneInstanceAtATimeWithEveryStepStoredOnce()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.StartInstanceAsync("node-a"); // migrates the fresh database first
        await Task.WhenAll(cluster.StartInstanceAsync("node-b"), cluster.StartInstanceAsync("node-c"));
        var clients = cluster.Instances.Select(i => i.CreateClient()).ToArray();

        var runs = new List<(Guid Id, int Steps)>();
        for (var i = 0; i < 20; i++)
        {
            var steps = 200 + 10 * i;
            runs.Add((await SubmitAsync(clients[i % 3], Spec(steps, $"run {i}")), steps));
        }
        foreach (var (id, _) in runs)
        {
            var status = (await RunWaiter.FinishedAsync(clients[0], id)).Summary.Status;
            Assert.True(status == RunStatus.Completed, $"Run {id} {status}:\n{string.Join("\n", cluster.Instances.Select(i => i.Output))}");
        }

        var stored = await cluster.QueryAsync(
            "SELECT r.\"Id\", r.\"Attempts\", count(s.\"Step\"), count(DISTINCT s.\"Step\"), min(s.\"Step\"), max(s.\"Step\") " +
            "FROM \"Runs\" r JOIN \"Steps\" s ON s.\"RunKey\" = r.\"Key\" GROUP BY r.\"Id\", r.\"Attempts\"",
            r => (Id: r.GetGuid(0), Attempts: r.GetInt32(1), Rows: r.GetInt64(2), Distinct: r.GetInt64(3), First: r.GetInt32(4), Last: r.GetInt32(5)));
        Assert.Equal(20, stored.Count);
        foreach (var (id, steps) in runs)
        {
            var run = stored.Single(s => s.Id == id);
            Assert.Equal((steps, steps, 1, steps), (run.Rows, run.Distinct, run.First, run.Last));
            // One instance per claim: every start logged names its own attempt. An instance that stalls past the 3-s lease
            // (a loaded host) loses the run to another, which trains it again from its checkpoint (attempt 2); the stale
            // instance then stores nothing more (LeaseFenceTests), so the steps above are still stored once.
            var attempts = cluster.Instances.SelectMany(i => i.Output.Split('\n'))
                .Where(line => line.Contains($"Run {id} started on", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf("(attempt ", StringComparison.Ordinal) + 9)..line.IndexOf(')', StringComparison.Ordinal)]).ToList();
            Assert.NotEmpty(attempts);
            Assert.Equal(attempts.Count, attempts.Distinct().Count());
            Assert.Contains(run.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), attempts);
        }
        var trainers = cluster.Instances.Count(i => runs.Any(r => i.Output.Contains($"Run {r.Id} started on", StringComparison.Ordinal)));
        Assert.True(trainers >= 2, $"{trainers} instance(s) trained the 20 runs");
    }

    [Fact]
    public async Task HubClientOnAnApiInstance_RunTrainedByAWorkerInstance_GetsEveryStepExactlyOnceAcrossItsReconnect()
    {
        await using var cluster = await Cluster.StartAsync();
        var spec = Spec(6000, "watched from another instance", width: 48);
        var (worker, api, id) = await WorkerAndApiAsync(cluster, spec);
        await using var hub = await WatchFromStepAsync(api, id, 300);
        await hub.ReconnectAsync();
        var afterReconnect = hub.LastStep;
        var status = await hub.FinishedAsync();

        Assert.Equal(RunStatus.Completed, status.Status);
        Assert.True(afterReconnect < spec.Training.Steps, "the reconnect happened mid-run");
        Assert.Equal(Enumerable.Range(1, spec.Training.Steps), hub.Steps);
        Assert.Contains($"Run {id} started on worker", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Run {id} started on", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainingInstanceKilledMidRun_AnotherTakesItOverAfterTheLease_SeriesEqualAnUninterruptedRun()
    {
        await using var cluster = await Cluster.StartAsync();
        var a = await cluster.StartInstanceAsync("node-a");
        var b = await cluster.StartInstanceAsync("node-b");
        // Long enough that the owner cannot finish between the "still running" read and the kill (8,000 narrow steps did once, on a quiet host).
        var spec = Spec(24000, "killed on one instance", width: 48);
        using var submitter = b.CreateClient();
        var id = await SubmitAsync(submitter, spec);

        var midway = await RunWaiter.UntilAsync(submitter, id, r => r.Summary.StepsDone >= 250 || r.Summary.Status.IsFinal());
        Assert.Equal(RunStatus.Running, midway.Summary.Status);
        var owner = await cluster.OwnerAsync(id);
        var (killed, survivor) = owner == "node-a" ? (a, b) : (b, a);
        await killed.KillAsync();

        using var client = survivor.CreateClient();
        var resumed = await RunWaiter.FinishedAsync(client, id);
        var reference = await SubmitAsync(client, spec);
        await RunWaiter.FinishedAsync(client, reference);

        Assert.Equal(RunStatus.Completed, resumed.Summary.Status);
        Assert.Equal([2], await cluster.QueryAsync($"SELECT \"Attempts\" FROM \"Runs\" WHERE \"Id\" = '{id}'", r => r.GetInt32(0)));
        var steps = await client.GetStringAsync($"/api/runs/{id}/export/steps.csv");
        Assert.Equal(spec.Training.Steps + 1, Lines(steps));
        Assert.Equal(await client.GetStringAsync($"/api/runs/{reference}/export/steps.csv"), steps);
        Assert.Equal(await client.GetStringAsync($"/api/runs/{reference}/export/layers.csv"), await client.GetStringAsync($"/api/runs/{id}/export/layers.csv"));
    }

    [Fact]
    public async Task RedisRestartedMidRun_HubClientRecoversWithNoGap_TrainingUndisturbed()
    {
        await using var cluster = await Cluster.StartAsync();
        var spec = Spec(8000, "through a Redis restart", width: 48);
        var (worker, api, id) = await WorkerAndApiAsync(cluster, spec);
        using var client = api.CreateClient();
        await using var hub = await WatchFromStepAsync(api, id, 300);
        await cluster.Redis.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // Redis away for a moment while the run trains on
        await cluster.Redis.RestartAsync();
        var status = await hub.FinishedAsync();

        Assert.Equal(RunStatus.Completed, status.Status);
        Assert.True(hub.Reconnects >= 1, "the hub client was sent to re-read the store");
        Assert.Equal(Enumerable.Range(1, spec.Training.Steps), hub.Steps);
        Assert.Equal([1], await cluster.QueryAsync($"SELECT \"Attempts\" FROM \"Runs\" WHERE \"Id\" = '{id}'", r => r.GetInt32(0)));
        Assert.Equal(spec.Training.Steps + 1, Lines(await client.GetStringAsync($"/api/runs/{id}/export/steps.csv")));
        Assert.Contains($"Run {id} started on worker", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_ToTwoInstances_MeetOneQueueLimitAndOneRateLimit()
    {
        await using var cluster = await Cluster.StartAsync();
        (string, string)[] limits = [("Workers:MaxQueuedRuns", "2"), ("Security:SubmissionsPerWindow", "4"), ("Security:SubmissionWindow", "00:10:00")];
        var a = (await cluster.StartInstanceAsync("api-a", trains: false, limits)).CreateClient();
        var b = (await cluster.StartInstanceAsync("api-b", trains: false, limits)).CreateClient();

        var answers = new List<(HttpStatusCode Status, string? Title)>();
        foreach (var client in new[] { a, b, a, b, a })
        {
            var response = await client.PostAsync("/api/runs", Json.Body(Spec(100)));
            var title = response.IsSuccessStatusCode ? null : (await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options))!.Title;
            answers.Add((response.StatusCode, title));
        }

        Assert.Equal(
            [
                (HttpStatusCode.Accepted, null),
                (HttpStatusCode.Accepted, null),
                (HttpStatusCode.TooManyRequests, "Queue full"),
                (HttpStatusCode.TooManyRequests, "Queue full"),
                (HttpStatusCode.TooManyRequests, "Too many submissions"),
            ],
            answers);
    }
}
