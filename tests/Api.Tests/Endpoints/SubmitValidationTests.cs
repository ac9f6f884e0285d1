using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Endpoints;

public sealed class SubmitValidationTests(SubmitValidationTests.Factory factory) : IClassFixture<SubmitValidationTests.Factory>
{
    /// <summary>A small body limit so the 413 case needs no megabytes.</summary>
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Security:MaxBodyBytes", "4096")];
    }

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, ProblemDocument Problem, string? MediaType)> PostAsync(string json)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        return (response.StatusCode, problem!, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Submit_MalformedJson_Returns400Problem()
    {
        var (status, problem, media) = await PostAsync("{\"model\": {\"depth\": 3,");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", media);
        Assert.Contains("$", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Submit_UnknownActivation_Returns400NamingTheField()
    {
        var (status, problem, _) = await PostAsync("""{"model": {"activation": "relu6"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("sigmoid", Assert.Single(problem.Errors!["model.activation"]));
    }

    [Fact]
    public async Task Submit_SeveralBadFields_NamesEveryOne()
    {
        var (status, problem, _) = await PostAsync("""
            {"model": {"depth": "deep", "widht": 3}, "init": {"scheme": "he"}, "optimizer": {"learningRate": true}, "training": {"steps": 12.5}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["init.scheme", "model.depth", "model.widht", "optimizer.learningRate", "training.steps"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Submit_FieldsOfOtherArchitectures_Returns400NamingEachAndItsArchitectures()
    {
        var (status, problem, _) = await PostAsync("""
            {"model": {"depth": 2, "bpttLength": 10, "forgetBias": 1}, "training": {"steps": 2}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["model.bpttLength", "model.forgetBias"], problem.Errors!.Keys.Order());
        Assert.StartsWith("Not a field of architecture mlp; it belongs to rnn, lstm, gru.", Assert.Single(problem.Errors["model.bpttLength"]));
        Assert.StartsWith("Not a field of architecture mlp; it belongs to lstm.", Assert.Single(problem.Errors["model.forgetBias"]));
    }

    [Fact]
    public async Task Submit_ArchitectureAfterItsFields_ReadsThatArchitecture()
    {
        var (status, problem, _) = await PostAsync("""
            {"model": {"widths": [4], "normalization": "batch-norm", "architecture": "gru"}, "data": {"kind": "adding"}, "training": {"loss": "mse", "steps": 2}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["model.normalization", "model.widths"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Submit_UnknownArchitecture_Returns400NamingTheField()
    {
        var (status, problem, _) = await PostAsync("""{"model": {"architecture": "mamba", "depth": 2}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Unknown value 'mamba'. Allowed: mlp, residual-mlp, rnn, lstm, gru, cnn, transformer.", Assert.Single(problem.Errors!["model.architecture"]));
    }

    [Fact]
    public async Task Submit_CnnLayerListWithBadEntries_Returns400NamingEachEntrysKey()
    {
        var (status, problem, _) = await PostAsync("""
            {"model": {"architecture": "cnn", "layers": [{"type": "conv2d", "out_channels": 0, "kernel_size": 3}, {"type": "relu", "kernel_size": 2},
              {"type": "global_avgpool"}, {"type": "linear"}]}, "data": {"kind": "bars"}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("model.layers[0].out_channels", problem.Errors!.Keys);
        Assert.Contains("model.layers[1].kernel_size", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Submit_CnnLayerListNotAList_Returns400NamingTheField()
    {
        var (status, problem, _) = await PostAsync("""{"model": {"architecture": "cnn", "layers": "conv2d"}, "data": {"kind": "bars"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("model.layers", problem.Errors!.Keys);
    }

    [Fact]
    public async Task SubmitPreset_OverrideSwitchesArchitecture_KeepsTheFieldsTheNewOneHas()
    {
        var response = await _client.PostAsync("/api/runs/from-preset/deep-sigmoid-batchnorm",
            new StringContent("""{"model": {"architecture": "residual-mlp", "depth": 5}, "training": {"steps": 2}}""", Encoding.UTF8, "application/json"));
        var created = await response.Content.ReadFromJsonAsync<Contracts.Wire.RunCreated>(Json.Options);
        var run = await RunWaiter.FinishedAsync(_client, created!.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var model = Assert.IsType<Contracts.Spec.ResidualMlpSpec>(run.Spec.Model);
        Assert.Equal((5, Contracts.Spec.Normalization.BatchNorm, Contracts.Spec.ActivationKind.Sigmoid), (model.Depth, model.Normalization, model.Activation));
    }

    [Fact]
    public async Task Submit_OutOfRangeValues_ReportsTheValidatorsFields()
    {
        var (status, problem, _) = await PostAsync("""{"model": {"depth": 0, "width": 100000}, "training": {"steps": 0}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("model.depth", problem.Errors!.Keys);
        Assert.Contains("model.width", problem.Errors.Keys);
        Assert.Contains("training.steps", problem.Errors.Keys);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"model": null}""")]
    [InlineData("""{"model": [1, 2]}""")]
    public async Task Submit_BodyNotASpecObject_Returns400Problem(string json)
    {
        var (status, problem, media) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", media);
        Assert.NotEmpty(problem.Errors!);
    }

    [Fact]
    public async Task Submit_BodyOverTheLimit_Returns413()
    {
        var huge = "{\"name\": \"" + new string('x', 8000) + "\"}";

        var (status, problem, _) = await PostAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, problem.Status);
    }

    [Fact]
    public async Task Submit_DuplicateField_Returns400()
    {
        var (status, problem, _) = await PostAsync("""{"model": {"depth": 2, "depth": 3}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(problem.Errors!);
    }

    [Fact]
    public async Task Submit_WrongCaseFieldName_Returns400NamingIt()
    {
        var (status, problem, _) = await PostAsync("""{"Model": {"depth": 2}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Model", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Submit_CommentsAndTrailingCommas_AreAccepted()
    {
        var response = await _client.PostAsync("/api/runs", new StringContent("""
            // a tiny run
            {"model": {"depth": 2, "width": 8,}, "training": {"steps": 3,},}
            """, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
