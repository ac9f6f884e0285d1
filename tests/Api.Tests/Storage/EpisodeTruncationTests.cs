using System.Net.Http.Json;
using GradientService.Api.Storage;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Storage;

/// <summary>A run resumed from a checkpoint: the detectors start fresh, so the store's episodes end at the checkpoint's step.</summary>
public sealed class EpisodeTruncationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TruncateAfter_Checkpoint_DropsLaterEpisodesAndClosesTheOnesRunningPastIt()
    {
        var client = factory.CreateClient();
        var id = (await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 20)))).Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
        await RunWaiter.FinishedAsync(client, id);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
        var key = await db.Runs.Where(r => r.Id == id).Select(r => r.Key).SingleAsync();
        EpisodeRow Row(string kind, int first, int last, bool open) =>
            new() { RunKey = key, Kind = kind, Track = 0, FirstStep = first, LastStep = last, Steps = last - first + 1, Open = open, Message = kind };
        db.Episodes.AddRange(Row(EpisodeKinds.Clipping, 10, 20, false), Row(EpisodeKinds.Vanishing, 50, 150, true),
            Row(EpisodeKinds.Exploding, 90, 120, false), Row(EpisodeKinds.Stalled, 101, 130, true));
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<RunStore>().TruncateAfterAsync(key, 100, CancellationToken.None);

        var rows = await db.Episodes.AsNoTracking().Where(e => e.RunKey == key).OrderBy(e => e.FirstStep).ToListAsync();
        Assert.Equal(
            [(EpisodeKinds.Clipping, 10, 20, 11, false), (EpisodeKinds.Vanishing, 50, 100, 51, false), (EpisodeKinds.Exploding, 90, 100, 11, false)],
            rows.Select(e => (e.Kind, e.FirstStep, e.LastStep, e.Steps, e.Open)));
    }
}
