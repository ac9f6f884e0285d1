using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>The image and text data sets' fields: a spec the data code cannot make is a 400 naming every bad field.</summary>
public sealed class DataSpecValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, Dictionary<string, string[]> Errors)> PostAsync(string json)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
        return (response.StatusCode, problem?.Errors ?? []);
    }

    [Fact]
    public async Task Submit_BarsWithBadFields_Returns400NamingEveryOne()
    {
        var (status, errors) = await PostAsync("""{"data": {"kind": "bars", "imageSize": 4, "noise": -1, "samples": 5}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["data.imageSize", "data.noise", "data.samples"], errors.Keys.Order());
        Assert.Equal("must be between 8 and 64; got 4.", Assert.Single(errors["data.imageSize"]));
    }

    [Fact]
    public async Task Submit_BarsTooManyPixels_Returns400NamingSamples()
    {
        var (status, errors) = await PostAsync("""{"data": {"kind": "bars", "imageSize": 64, "samples": 10000}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("10000 examples × 4096 values", Assert.Single(errors["data.samples"]));
    }

    [Fact]
    public async Task Submit_ImageSizeNotANumber_Returns400NamingTheField()
    {
        var (status, errors) = await PostAsync("""{"data": {"kind": "bars", "imageSize": "large"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("data.imageSize", errors.Keys);
    }

    [Fact]
    public async Task Submit_TextWithBadFields_Returns400NamingEveryOne()
    {
        var (status, errors) = await PostAsync("""
            {"model": {"architecture": "lstm", "depth": 1, "width": 8}, "data": {"kind": "text", "sequenceLength": 0, "samples": 3, "testFraction": 0.9}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["data.samples", "data.sequenceLength", "data.testFraction"], errors.Keys.Order());
    }

    [Fact]
    public async Task Submit_TextTooManyValues_Returns400NamingSamples()
    {
        var (status, errors) = await PostAsync("""
            {"model": {"architecture": "gru", "depth": 1, "width": 8}, "data": {"kind": "text", "sequenceLength": 1000, "samples": 1000}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("1000 examples × 75000 values", Assert.Single(errors["data.samples"]));
    }

    [Fact]
    public async Task Submit_TextToAnMlp_Returns400NamingTheArchitecture()
    {
        var (status, errors) = await PostAsync("""{"model": {"architecture": "mlp"}, "data": {"kind": "text"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("text is a sequence data set", Assert.Single(errors["model.architecture"]));
    }

    [Fact]
    public async Task Submit_UnknownDataKind_Returns400ListingBarsAndText()
    {
        var (status, errors) = await PostAsync("""{"data": {"kind": "shapes"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = Assert.Single(errors["data.kind"]);
        Assert.Contains("bars", message);
        Assert.Contains("text", message);
    }
}
