using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Workers;

public sealed class QueueLimitTests(QueueLimitTests.Factory factory) : IClassFixture<QueueLimitTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Workers:MaxQueuedRuns", "1")];
    }

    [Fact]
    public async Task Submit_QueueFull_Returns429_ThenCancelFreesIt()
    {
        var client = factory.CreateClient();
        var gate = factory.Trainers.Arm(2);
        var running = await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        await gate.Held;
        var queued = await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)));
        var queuedRun = await queued.Content.ReadFromJsonAsync<RunCreated>(Json.Options);

        var rejected = await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)));
        var cancelQueued = await client.PostAsync($"/api/runs/{queuedRun!.Id}/cancel", null);
        var cancelRunning = await client.PostAsync($"/api/runs/{running!.Id}/cancel", null);
        var cancelled = await RunWaiter.FinishedAsync(client, running.Id);
        gate.Open();

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, cancelQueued.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, cancelRunning.StatusCode);
        Assert.Equal(RunStatus.Cancelled, cancelled.Summary.Status);
        Assert.Equal(1, cancelled.Summary.StepsDone);
    }
}
