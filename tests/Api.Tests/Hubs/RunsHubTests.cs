using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Hubs;

public sealed class RunsHubTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<Guid> SubmitAsync(int steps)
    {
        var response = await _client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: steps, name: "streamed")));
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
    }

    [Fact]
    public async Task Subscribe_MidRunDropAndResubscribe_EveryStepArrivesExactlyOnce()
    {
        var first = factory.Trainers.Arm(101);
        var second = factory.Trainers.Arm(201);
        var third = factory.Trainers.Arm(251);
        var id = await SubmitAsync(300);
        await first.Held;

        var before = new HubClient(factory);
        await before.StartAsync();
        var subscribed = await before.SubscribeAsync(id, 0);
        first.Open();
        await second.Held;
        await before.ReachedAsync(200);
        await before.DisposeAsync();
        var lastSeen = before.LastStep;
        second.Open();
        await third.Held;
        // The recorder gathers steps for a few milliseconds before it writes: wait until 250 are stored.
        await RunWaiter.UntilAsync(_client, id, r => r.Summary.StepsDone >= 250);

        await using var after = new HubClient(factory);
        await after.StartAsync();
        var resubscribed = await after.SubscribeAsync(id, lastSeen);
        third.Open();
        await after.ReachedAsync(300);

        Assert.Equal(RunStatus.Running, subscribed.Status);
        Assert.Equal(200, lastSeen);
        Assert.Equal(250, resubscribed.BackfilledThrough);
        Assert.Equal(Enumerable.Range(1, 300), before.Steps.Concat(after.Steps));
    }

    [Fact]
    public async Task Subscribe_FinishedRun_BackfillsEverythingThenTheFinalStatus()
    {
        var id = await SubmitAsync(2500);
        await RunWaiter.FinishedAsync(_client, id);

        await using var hub = new HubClient(factory);
        await hub.StartAsync();
        var result = await hub.SubscribeAsync(id, 1000);
        var final = await hub.FinishedAsync();
        await hub.ReachedAsync(2500);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(Enumerable.Range(1001, 1500), hub.Steps);
        Assert.All(hub.Batches, b => Assert.True(b.Steps.Count <= 2000));
        Assert.Equal(RunStatus.Completed, final.Status);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task Subscribe_LiveRun_BatchesCarryLayerFramesAndEndWithCompletedStatus(string protocol)
    {
        var gate = factory.Trainers.Arm(2);
        var id = await SubmitAsync(400);
        await gate.Held;
        await using var hub = new HubClient(factory, protocol);
        await hub.StartAsync();
        await hub.SubscribeAsync(id, 0);

        gate.Open();
        var final = await hub.FinishedAsync();
        await hub.ReachedAsync(400);

        Assert.Equal(Enumerable.Range(1, 400), hub.Steps);
        Assert.All(hub.Batches.SelectMany(b => b.Layers), f => Assert.Equal(3, f.Values[(int)LayerMetric.WeightGradNorm].Length));
        Assert.Equal(400, hub.Batches.SelectMany(b => b.Layers).Count());
        Assert.All(hub.Batches.SelectMany(b => b.Steps), s => Assert.True(s.Values[(int)StepMetric.Loss] > 0 && s.Values[(int)StepMetric.TestLoss] is null == s.Values[(int)StepMetric.TestAccuracy] is null));
        Assert.Equal(RunStatus.Completed, final.Status);
    }

    [Fact]
    public async Task Subscribe_UnknownRun_ReturnsNotFound()
    {
        await using var hub = new HubClient(factory);
        await hub.StartAsync();

        var result = await hub.SubscribeAsync(Guid.NewGuid(), 0);

        Assert.False(result.Found);
    }
}
