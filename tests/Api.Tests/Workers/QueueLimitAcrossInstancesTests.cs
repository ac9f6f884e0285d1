using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Workers;

/// <summary>Two app instances (two workers, two connection pools) on one SQLite file share one queue limit.</summary>
public sealed class QueueLimitAcrossInstancesTests : IDisposable
{
    private const int Limit = 3;
    private const int Submissions = 16;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));

    public QueueLimitAcrossInstancesTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp space */ }
    }

    /// <summary>One training slot, its own lease identity and the shared limit.</summary>
    private sealed class Instance(string id) : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [.. base.Settings(), ("Workers:MaxQueuedRuns", $"{Limit}"), ("Workers:MaxConcurrentRuns", "1"), ("Workers:InstanceId", id)];
    }

    [Fact]
    public async Task Submit_ConcurrentlyToTwoInstancesOnOneDatabase_QueuesNoMoreThanTheLimit()
    {
        var database = Path.Combine(_folder, "gradients.db");
        using var a = new Instance("a") { DatabasePath = database };
        var clientA = a.CreateClient(); // started (and the database migrated) before the second instance starts
        using var b = new Instance("b") { DatabasePath = database };
        var clientB = b.CreateClient();
        // Each instance's only slot holds one run at its first step, so every later submission stays queued.
        var held = new[] { a.Trainers.Arm(1), b.Trainers.Arm(1) };
        await clientA.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)));
        await clientB.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)));
        await Task.WhenAll(held.Select(g => g.Held));

        var responses = await Task.WhenAll(Enumerable.Range(0, Submissions)
            .Select(i => (i % 2 == 0 ? clientA : clientB).PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5, name: $"queued-{i}")))));
        var queued = await clientB.GetFromJsonAsync<Page<RunSummary>>("/api/runs?status=queued", Json.Options);

        Assert.Equal(Limit, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(Submissions - Limit, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(Limit, queued!.Total);
    }
}
