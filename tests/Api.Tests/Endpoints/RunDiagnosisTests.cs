using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>GET /api/runs/{id}'s diagnosis on scripted runs: absent before the first step, live while running.</summary>
public sealed class RunDiagnosisTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task GetRun_BeforeItsFirstStep_HasNoDiagnosis()
    {
        var gate = factory.Trainers.Arm(1);
        var client = factory.CreateClient();
        var created = await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 5)))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        await gate.Held;

        var run = await client.GetFromJsonAsync<RunDetail>($"/api/runs/{created!.Id}", Json.Options);
        gate.Open();
        var finished = await RunWaiter.FinishedAsync(client, created.Id); // no trainer of this test is left to meet the next test's gate

        Assert.Null(run!.Diagnosis);
        Assert.NotNull(finished.Diagnosis);
    }

    [Fact]
    public async Task GetRun_WhileRunning_DiagnosisIsLiveUpToTheNewestStep()
    {
        var gate = factory.Trainers.Arm(4);
        var client = factory.CreateClient();
        var created = await (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 6)))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        await gate.Held;

        var run = await RunWaiter.UntilAsync(client, created!.Id, r => r.Summary.StepsDone == 3);
        gate.Open();
        await RunWaiter.FinishedAsync(client, created.Id);

        Assert.False(run.Diagnosis!.Final);
        Assert.Equal(3, run.Diagnosis.AtStep);
        Assert.NotNull(run.Diagnosis.Depth);
    }
}
