using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>The real engine trains on the image and text data sets submitted through the Api.</summary>
public sealed class DataSetsEndToEndTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("""{"model": {"architecture": "mlp", "depth": 2, "width": 16}, "data": {"kind": "bars", "imageSize": 12, "samples": 200}, "training": {"steps": 6, "batchSize": 16}}""")]
    [InlineData("""{"model": {"architecture": "lstm", "depth": 1, "width": 16}, "data": {"kind": "text", "sequenceLength": 16, "samples": 200}, "training": {"steps": 6, "batchSize": 16}}""")]
    public async Task Submit_NewDataSet_TrainsToTheLastStep(string spec)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(spec, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options);

        var run = await RunWaiter.FinishedAsync(_client, created!.Id);

        Assert.Equal((RunStatus.Completed, 6), (run.Summary.Status, run.Summary.StepsDone));
    }
}
