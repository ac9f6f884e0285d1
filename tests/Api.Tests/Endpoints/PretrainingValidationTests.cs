using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>A pretraining spec the engine cannot run is a 400 naming every bad field, never a 500.</summary>
public sealed class PretrainingValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, Dictionary<string, string[]> Errors)> PostAsync(string json)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        return (response.StatusCode, problem!.Errors ?? []);
    }

    [Theory]
    [InlineData("""{"architecture": "lstm", "depth": 1, "width": 8}""", "lstm")]
    [InlineData("""{"architecture": "residual-mlp", "depth": 5, "width": 8}""", "residual-mlp")]
    public async Task Submit_PretrainingANonMlp_Returns400NamingTheKind(string model, string architecture)
    {
        var (status, errors) = await PostAsync("""{"model": """ + model
            + """, "data": {"kind": "adding"}, "pretraining": {"kind": "autoencoder", "stepsPerLayer": 2}, "training": {"loss": "mse", "steps": 100}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"autoencoder pretraining needs an mlp (layer by layer, each code the input of the next); got {architecture}", Assert.Single(errors["pretraining.kind"]));
    }

    [Fact]
    public async Task Submit_BadPretrainingValues_Returns400NamingEveryOne()
    {
        var (status, errors) = await PostAsync("""
            {"pretraining": {"kind": "rbm", "stepsPerLayer": 0, "learningRate": -1, "cdSteps": 1000}, "model": {"activation": "tanh", "normalization": "batch-norm"}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["pretraining.cdSteps", "pretraining.kind", "pretraining.learningRate", "pretraining.stepsPerLayer"], errors.Keys.Order());
        Assert.Equal(2, errors["pretraining.kind"].Length); // batch norm, and tanh units for an rbm
    }

    [Fact]
    public async Task Submit_UnknownPretrainingKind_Returns400NamingTheField()
    {
        var (status, errors) = await PostAsync("""{"pretraining": {"kind": "dbn"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("autoencoder", Assert.Single(errors["pretraining.kind"]));
    }
}
