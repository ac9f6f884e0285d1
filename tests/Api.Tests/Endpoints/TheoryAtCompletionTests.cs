using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Diagnosis;
using GradientService.Api.Tests.Infrastructure;
using SweepRequests = GradientService.Api.Tests.Sweeps.Sweeps;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>
/// A finished feedforward run's theory is computed when it finishes (issue 17), not on the first detail request, where
/// it took the cores the run page's first reads needed.
/// </summary>
public sealed class TheoryAtCompletionTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    [Fact]
    public async Task FinishedMlpRun_NoDetailAsked_TheoryStarted()
    {
        var client = factory.CreateClient();
        var marker = $"theory-at-completion-{Guid.NewGuid():N}";

        await FinishedWithTheoryAsync(client, await SubmitMlpAsync(client, marker));

        Assert.Equal(RunStatus.Completed, (await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?q={marker}", Json.Options))!.Items.Single().Status);
    }

    [Fact]
    public async Task FinishedSweepCells_NoDetailAsked_TheoryNotStarted()
    {
        var client = factory.CreateClient();
        var sweep = await SweepRequests.SubmitAsync(client, new SweepRequest($"theory-at-completion-{Guid.NewGuid():N}", null, SweepRequests.TinyBase(),
            [SweepRequests.Axis("model.depth", 3, 4)]));
        await SweepRequests.FinishedAsync(client, sweep.Id);
        await FinishedWithTheoryAsync(client, await SubmitMlpAsync(client, $"after-sweep-{Guid.NewGuid():N}")); // the cells finished before it was queued
        var cells = await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?sweep={sweep.Id}", Json.Options);
        var theories = factory.Services.GetRequiredService<RunTheories>();

        Assert.Equal(2, cells!.Items.Count);
        Assert.All(cells.Items, c => Assert.Equal(RunStatus.Completed, c.Status));
        Assert.All(cells.Items, c => Assert.False(theories.Started(c.Id)));
    }

    [Fact]
    public void Prepare_RecurrentSpec_StartsNothing()
    {
        using var theories = new RunTheories(new AnalysisLane());
        var (rnn, mlp) = (Guid.NewGuid(), Guid.NewGuid());

        theories.Prepare(rnn, new RunSpec { Model = new RnnSpec() });
        theories.Prepare(mlp, new RunSpec { Model = new MlpSpec { Depth = 3, Width = 8 } });

        Assert.False(theories.Started(rnn));
        Assert.True(theories.Started(mlp));
    }

    private static async Task<(Guid Id, string Marker)> SubmitMlpAsync(HttpClient client, string marker)
    {
        var spec = new RunSpec
        {
            Name = marker,
            Model = new MlpSpec { Depth = 3, Width = 8, Activation = ActivationKind.Tanh },
            Training = new TrainingSpec { Steps = 20 },
        };
        var response = await client.PostAsJsonAsync("/api/runs", spec, Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id, marker);
    }

    /// <summary>
    /// Polls the run list until the run is final and its theory started. Only the list is read (its summaries carry no
    /// diagnosis): nothing but the run's end can start the theory.
    /// </summary>
    private async Task FinishedWithTheoryAsync(HttpClient client, (Guid Id, string Marker) run)
    {
        var theories = factory.Services.GetRequiredService<RunTheories>();
        using var timeout = new CancellationTokenSource(RunWaiter.Timeout);
        while (true)
        {
            var page = await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?q={run.Marker}", Json.Options, timeout.Token);
            if (page!.Items.Single().Status.IsFinal() && theories.Started(run.Id)) return;
            await Task.Delay(20, timeout.Token);
        }
    }
}
