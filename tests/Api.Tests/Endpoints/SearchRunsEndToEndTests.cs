using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>Gradient-free runs submitted, trained by the real engine, recorded and served like every other run.</summary>
public sealed class SearchRunsEndToEndTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    private const int Steps = 12, Population = 6, ProbeEvery = 5;

    public static TheoryData<string> Methods => ["genetic", "evolution-strategy"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Submit_SearchRun_ServesPopulationLossAndEvaluationsEveryStep(string method)
    {
        var (client, id) = await TrainAsync(method);

        var series = await client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/steps?fields=loss,populationLoss,evaluations", Json.Options);

        var loss = series!.Series.Single(s => s.Field == "loss").Points;
        var mean = series.Series.Single(s => s.Field == "populationLoss").Points;
        var evaluations = series.Series.Single(s => s.Field == "evaluations").Points;
        Assert.Equal(Enumerable.Range(1, Steps), mean.Select(p => p.Step));
        Assert.All(mean, p => Assert.True(double.IsFinite(p.Value) && p.Value > 0, $"step {p.Step}: {p.Value}"));
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (double)s * Population), evaluations.Select(p => p.Value));
        Assert.Equal(Steps, loss.Count);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Submit_SearchRun_ServesGradientFieldsOnProbeGenerationsOnly(string method)
    {
        var (client, id) = await TrainAsync(method);

        var series = await client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{id}/layers/1?fields=weightGradNorm,activationStd", Json.Options);

        var gradients = series!.Series.Single(s => s.Field == "weightGradNorm").Points;
        Assert.Equal([1, 5, 10, 12], gradients.Select(p => p.Step));
        Assert.All(gradients, p => Assert.True(double.IsFinite(p.Value) && p.Value >= 0, $"step {p.Step}: {p.Value}"));
        Assert.Equal(Steps, series.Series.Single(s => s.Field == "activationStd").Points.Count);
    }

    [Fact]
    public async Task Submit_EsWithOddPopulationClippingAndUnknownMethod_Returns400NamingEachField()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs", new StringContent(
            """{"training": {"method": "evolution-strategy"}, "search": {"populationSize": 7}, "clipping": {"mode": "value"}}""",
            System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        var unknown = await client.PostAsync("/api/runs", new StringContent("""{"training": {"method": "annealing"}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["clipping.mode", "search.populationSize"], problem!.Errors!.Keys.Order());
        Assert.Contains("no gradient to clip", problem.Errors["clipping.mode"][0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("training.method", (await unknown.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options))!.Errors!.Keys);
    }

    private async Task<(HttpClient Client, Guid Id)> TrainAsync(string method)
    {
        var client = factory.CreateClient();
        var spec = Json.TinySpec(steps: Steps) with
        {
            Training = Json.TinySpec().Training with { Steps = Steps, Method = method == "genetic" ? TrainingMethod.Genetic : TrainingMethod.EvolutionStrategy },
            Search = new SearchSpec { PopulationSize = Population, ProbeEvery = ProbeEvery },
        };
        var response = await client.PostAsync("/api/runs", Json.Body(spec));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        var run = await RunWaiter.FinishedAsync(client, created!.Id);
        Assert.True(run.Summary.Status == RunStatus.Completed, $"{method}: {run.Summary.Status} {run.Reason}");
        return (client, created.Id);
    }
}
