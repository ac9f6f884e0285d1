using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Diagnosis;
using GradientService.Api.Tests.Infrastructure;
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
        var spec = new RunSpec
        {
            Name = marker,
            Model = new MlpSpec { Depth = 3, Width = 8, Activation = ActivationKind.Tanh },
            Training = new TrainingSpec { Steps = 20 },
        };
        var response = await client.PostAsJsonAsync("/api/runs", spec, Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
        var theories = factory.Services.GetRequiredService<RunTheories>();

        // Only the list is read (its summaries carry no diagnosis): nothing but the run's end can start the theory.
        using var timeout = new CancellationTokenSource(RunWaiter.Timeout);
        while (true)
        {
            var page = await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?q={marker}", Json.Options, timeout.Token);
            if (page!.Items.Single().Status.IsFinal() && theories.Started(id)) break;
            await Task.Delay(20, timeout.Token);
        }

        Assert.Equal(RunStatus.Completed, (await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?q={marker}", Json.Options))!.Items.Single().Status);
    }

    [Fact]
    public void Prepare_RecurrentSpec_StartsNothing()
    {
        using var theories = new RunTheories();
        var (rnn, mlp) = (Guid.NewGuid(), Guid.NewGuid());

        theories.Prepare(rnn, new RunSpec { Model = new RnnSpec() });
        theories.Prepare(mlp, new RunSpec { Model = new MlpSpec { Depth = 3, Width = 8 } });

        Assert.False(theories.Started(rnn));
        Assert.True(theories.Started(mlp));
    }
}
