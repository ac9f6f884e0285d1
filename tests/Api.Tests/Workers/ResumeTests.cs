using System.Net.Http.Json;
using GradientService.Api.Storage;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Workers;

public sealed class ResumeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));

    public ResumeTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp space */ }
    }

    [Fact]
    public async Task Shutdown_MidRun_NextStartResumesAndStoresTheSameSeriesAsAnUninterruptedRun()
    {
        var database = Path.Combine(_folder, "gradients.db");
        var spec = Json.TinySpec(steps: 700, seed: 99, name: "resumed");
        Guid interrupted;
        using (var first = new ApiFactory { DatabasePath = database })
        {
            var gate = first.Trainers.Arm(157);
            var client = first.CreateClient();
            interrupted = (await (await client.PostAsync("/api/runs", Json.Body(spec))).Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
            await gate.Held;
        } // host shutdown: the run stops after step 156, checkpoints and stays resumable

        using var second = new ApiFactory { DatabasePath = database };
        var again = second.CreateClient();
        var resumed = await RunWaiter.FinishedAsync(again, interrupted);
        var reference = (await (await again.PostAsync("/api/runs", Json.Body(spec))).Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
        await RunWaiter.FinishedAsync(again, reference);

        Assert.Equal(RunStatus.Completed, resumed.Summary.Status);
        Assert.Equal(await again.GetStringAsync($"/api/runs/{reference}/export/steps.csv"), await again.GetStringAsync($"/api/runs/{interrupted}/export/steps.csv"));
        Assert.Equal(await again.GetStringAsync($"/api/runs/{reference}/export/layers.csv"), await again.GetStringAsync($"/api/runs/{interrupted}/export/layers.csv"));
        Assert.Equal(
            await again.GetStringAsync($"/api/runs/{reference}/heatmap?columns=3"),
            (await again.GetStringAsync($"/api/runs/{interrupted}/heatmap?columns=3")).Replace(interrupted.ToString(), reference.ToString()));
        Assert.Equal(await StepRollupsAsync(second, reference), await StepRollupsAsync(second, interrupted)); // the open bucket was reseeded
    }

    /// <summary>The run's step rollups as (bucket, count, stats in hex).</summary>
    private static async Task<List<(int, int, string)>> StepRollupsAsync(ApiFactory factory, Guid id)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
        var key = await db.Runs.Where(r => r.Id == id).Select(r => r.Key).SingleAsync();
        var rows = await db.StepRollups.Where(r => r.RunKey == key).OrderBy(r => r.Bucket).ToListAsync();
        return [.. rows.Select(r => (r.Bucket, r.Count, Convert.ToHexString(r.Stats)))];
    }
}
