using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Sweeps;

/// <summary>Workers take sweeps' cells round by round, so a run submitted behind a sweep does not wait for all its cells.</summary>
public sealed class SweepFairnessTests(SweepFairnessTests.Factory factory) : IClassFixture<SweepFairnessTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Workers:MaxConcurrentRuns", "1")];
    }

    [Fact]
    public async Task Claim_RunSubmittedBehindSweep_StartsAfterFirstRoundNotAfterWholeSweep()
    {
        var client = factory.CreateClient();
        var gate = factory.Trainers.Arm(2);
        var blocker = await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        await gate.Held; // the only slot is busy: everything below queues
        var sweep = await Sweeps.SubmitAsync(client, new SweepRequest("big", null, Sweeps.TinyBase(), [Sweeps.Axis("model.depth", 2, 3, 4, 5)]));
        var late = await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5, name: "late")))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        gate.Open();
        await Sweeps.FinishedAsync(client, sweep.Id);
        var lateRun = await RunWaiter.FinishedAsync(client, late!.Id);
        var cells = (await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?sweep={sweep.Id}&sort=created", Json.Options))!.Items;

        var order = cells.Append(lateRun.Summary).OrderBy(r => r.StartedAt).Select(r => r.Name).ToList();
        Assert.Equal(["big · depth=2", "late", "big · depth=3", "big · depth=4", "big · depth=5"], order);
        Assert.NotNull(blocker);
    }
}
