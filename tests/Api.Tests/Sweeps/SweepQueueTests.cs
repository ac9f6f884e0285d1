using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Sweeps;

/// <summary>A sweep against the queue limit, listed and cancelled, with one training slot held by a gate.</summary>
public sealed class SweepQueueTests(SweepQueueTests.Factory factory) : IClassFixture<SweepQueueTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            [.. base.Settings(), ("Workers:MaxQueuedRuns", "3"), ("Workers:MaxConcurrentRuns", "1")];
    }

    [Fact]
    public async Task Submit_OverQueueLimit_Returns429AndQueuesNothing_ThenListAndCancel()
    {
        var client = factory.CreateClient();
        var gate = factory.Trainers.Arm(2);

        var tooBig = await Sweeps.PostAsync(client, new SweepRequest("big", null, Sweeps.TinyBase(), [Sweeps.Axis("model.depth", 2, 3, 4, 5)]));
        var runsAfterRefusal = await client.GetFromJsonAsync<Page<RunSummary>>("/api/runs", Json.Options);
        var first = await Sweeps.SubmitAsync(client, new SweepRequest("first", null, Sweeps.TinyBase(steps: 20), [Sweeps.Axis("model.depth", 2, 3, 4)]));
        await gate.Held; // one cell trains (held at step 2), two wait
        var second = await Sweeps.SubmitAsync(client, new SweepRequest("second", null, Sweeps.TinyBase(), [Sweeps.Axis("model.width", 4)]));
        var list = await client.GetFromJsonAsync<Page<SweepSummary>>("/api/sweeps", Json.Options);
        var held = await client.GetFromJsonAsync<SweepSummary>($"/api/sweeps/{first.Id}", Json.Options);

        var cancel = await client.PostAsync($"/api/sweeps/{first.Id}/cancel", null);
        var afterCancel = await cancel.Content.ReadFromJsonAsync<SweepSummary>(Json.Options);
        var cancelled = await Sweeps.FinishedAsync(client, first.Id);
        gate.Open();
        var other = await Sweeps.FinishedAsync(client, second.Id);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooBig.StatusCode);
        Assert.Equal(0, runsAfterRefusal!.Total);
        Assert.Equal(["second", "first"], list!.Items.Select(s => s.Name));
        Assert.Equal((1, 2), (held!.Running, held.Queued));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(0, afterCancel!.Queued);
        Assert.Equal(3, cancelled.Cancelled);
        Assert.Equal(1, other.Completed);
    }
}
