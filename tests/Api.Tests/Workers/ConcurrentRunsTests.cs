using System.Globalization;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Api.Workers;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GradientService.Api.Tests.Workers;

/// <summary>Two training slots, the real engine: runs that train side by side store exactly what each stores alone.</summary>
public sealed class ConcurrentRunsTests(ConcurrentRunsTests.Factory factory) : IClassFixture<ConcurrentRunsTests.Factory>
{
    private const int Steps = 120;

    public sealed class Factory : ApiFactory
    {
        public HeldEngineFactory Engine { get; } = new();

        protected override bool UseScriptedTrainer => false;

        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Workers:MaxConcurrentRuns", "2")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<ITrainerFactory>(Engine)));
        }
    }

    [Fact]
    public async Task ThreeRuns_TwoSlots_EachStoresEveryStepOnceAndEqualsTheSameSpecTrainedAlone()
    {
        var client = factory.CreateClient();
        var specs = new[] { Spec("side-a", 11), Spec("side-b", 22), Spec("side-c", 33) };
        var holds = specs.Select(s => factory.Engine.Hold(s.Name!, step: 30)).ToArray();
        var ids = new List<Guid>();
        foreach (var spec in specs) ids.Add(await SubmitAsync(client, spec));

        // a and b train at once while c waits; a finishes, c starts beside b; then b and c finish together.
        await Task.WhenAll(holds[0].Held, holds[1].Held);
        var waiting = await client.GetFromJsonAsync<RunDetail>($"/api/runs/{ids[2]}", Json.Options);
        holds[0].Open();
        await holds[2].Held;
        holds[1].Open();
        holds[2].Open();
        var finished = new List<RunDetail>();
        foreach (var id in ids) finished.Add(await RunWaiter.FinishedAsync(client, id));

        Assert.Equal(RunStatus.Queued, waiting!.Summary.Status);
        Assert.All(finished, run => Assert.True(run.Summary.Status == RunStatus.Completed, $"{run.Summary.Name}: {run.Summary.Status} {run.Reason}"));
        for (var i = 0; i < specs.Length; i++)
        {
            var steps = await client.GetStringAsync($"/api/runs/{ids[i]}/export/steps.csv");
            var layers = await client.GetStringAsync($"/api/runs/{ids[i]}/export/layers.csv");
            Assert.Equal(Enumerable.Range(1, Steps), StepColumn(steps));
            var alone = await SubmitAsync(client, specs[i]);
            Assert.Equal(RunStatus.Completed, (await RunWaiter.FinishedAsync(client, alone)).Summary.Status);
            Assert.Equal(await client.GetStringAsync($"/api/runs/{alone}/export/steps.csv"), steps);
            Assert.Equal(await client.GetStringAsync($"/api/runs/{alone}/export/layers.csv"), layers);
        }
    }

    [Fact]
    public async Task TwoSlots_EachRunIsGivenHalfTheCores()
    {
        var client = factory.CreateClient();
        var spec = Spec("thread-share", 44);

        await RunWaiter.FinishedAsync(client, await SubmitAsync(client, spec));

        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), factory.Engine.Created.Single(c => c.Name == spec.Name).Threads);
    }

    private static RunSpec Spec(string name, ulong seed) => new()
    {
        Name = name,
        Model = new MlpSpec { Depth = 3, Width = 16 },
        Training = new TrainingSpec { Steps = Steps, BatchSize = 16, EvalEvery = 20, Seed = seed },
    };

    private static async Task<Guid> SubmitAsync(HttpClient client, RunSpec spec)
    {
        var response = await client.PostAsync("/api/runs", Json.Body(spec));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
    }

    private static IEnumerable<int> StepColumn(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => int.Parse(l[..l.IndexOf(',')], CultureInfo.InvariantCulture));
}
