using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Api.Workers;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GradientService.Api.Tests.Workers;

/// <summary>Roles: an instance with Workers:Enabled off serves the Api only; a run submitted to it is trained by a worker instance on the same store.</summary>
public sealed class ApiOnlyInstanceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));

    public ApiOnlyInstanceTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp space */ }
    }

    private sealed class Instance(string id, bool workers) : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [.. base.Settings(), ("Workers:InstanceId", id), ("Workers:Enabled", workers ? "true" : "false")];
    }

    [Fact]
    public async Task Submit_ToAnApiOnlyInstance_IsTrainedByTheWorkerInstance()
    {
        var database = Path.Combine(_folder, "gradients.db");
        using var api = new Instance("api", workers: false) { DatabasePath = database };
        var client = api.CreateClient();
        using var worker = new Instance("worker", workers: true) { DatabasePath = database };
        worker.CreateClient();

        var created = await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        var done = await RunWaiter.FinishedAsync(client, created!.Id);

        Assert.Equal(RunStatus.Completed, done.Summary.Status);
        Assert.DoesNotContain(api.Services.GetServices<IHostedService>(), s => s is TrainingWorker);
        Assert.Contains(worker.Services.GetServices<IHostedService>(), s => s is TrainingWorker);
        Assert.Contains("gradientservice_workers_enabled 0", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }
}
