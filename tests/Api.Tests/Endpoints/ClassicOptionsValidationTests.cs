using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>The spec options the classic texts need (bias draw, bce-sum/quadratic, training.l2, data.trainSubset) answer bad values with a 400 naming each field.</summary>
public sealed class ClassicOptionsValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, ProblemDocument Problem)> PostAsync(string json)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options))!);
    }

    [Fact]
    public async Task Submit_OutOfRangeL2SubsetAndBatch_Returns400NamingEachField()
    {
        var (status, problem) = await PostAsync("""
            {"data": {"kind": "moons", "samples": 200, "trainSubset": 500}, "training": {"l2": -1, "loss": "bce-sum"}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["data.trainSubset", "training.l2"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Submit_BatchLargerThanTheSubset_Returns400NamingTheBatch()
    {
        var (status, problem) = await PostAsync("""
            {"data": {"kind": "moons", "samples": 200, "trainSubset": 20}, "training": {"batchSize": 32, "loss": "quadratic"}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("data.trainSubset", Assert.Single(problem.Errors!["training.batchSize"]));
    }

    [Fact]
    public async Task Submit_UnknownBiasDistribution_Returns400ListingTheShapes()
    {
        var (status, problem) = await PostAsync("""{"init": {"biasVariance": 1, "biasDistribution": "triangular"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("uniform", Assert.Single(problem.Errors!["init.biasDistribution"]));
    }

    [Fact]
    public async Task Submit_NielsensSetup_IsAccepted()
    {
        var response = await _client.PostAsync("/api/runs", new StringContent("""
            {"init": {"scheme": "lecun-normal", "biasVariance": 1, "biasDistribution": "normal"},
             "data": {"kind": "moons", "samples": 200, "trainSubset": 100},
             "training": {"loss": "bce-sum", "l2": 5, "batchSize": 100, "steps": 2}}
            """, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
