using System.Net;
using System.Net.Http.Json;
using System.Text;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using GradientService.Core.Export;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>
/// A cnn and a transformer through the real pipeline and engine (#15): trained, stored with a layer per row and the
/// block metrics, diagnosed with why mean-field theory does not apply, and exported as safetensors PyTorch and the oracle read.
/// </summary>
public sealed class BlockNetsEndToEndTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("""{"model": {"architecture": "cnn", "depth": 4, "width": 4, "block": "residual", "stages": 2}, "data": {"kind": "bars", "imageSize": 12, "samples": 200}, "training": {"steps": 6, "batchSize": 16}}""",
        "cnn", "layers.0", "convolutional")]
    [InlineData("""{"model": {"architecture": "transformer", "depth": 2, "width": 16, "heads": 2, "placement": "pre-ln"}, "data": {"kind": "text", "sequenceLength": 8, "samples": 200}, "optimizer": {"kind": "adam", "learningRate": 0.001, "warmupSteps": 3}, "training": {"steps": 6, "batchSize": 16}}""",
        "transformer", "layers.1.ff", "transformer")]
    public async Task Submit_BlockNet_IsTrainedStoredDiagnosedAndExported(string spec, string model, string layerName, string caveat)
    {
        var response = await _client.PostAsync("/api/runs", new StringContent(spec, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;

        var run = await RunWaiter.FinishedAsync(_client, id);

        Assert.Equal((RunStatus.Completed, 6), (run.Summary.Status, run.Summary.StepsDone));
        Assert.Contains(run.Layers, l => l.Name == layerName);
        var profile = await _client.GetFromJsonAsync<DepthProfile>($"/api/runs/{id}/depth-profile?step=6", Json.Options);
        var branch = profile!.Fields.ToList().IndexOf("branchGradNorm");
        Assert.Contains(profile.Layers, l => l.Values[branch] is > 0);
        var detail = await _client.GetFromJsonAsync<RunDetail>($"/api/runs/{id}", Json.Options);
        Assert.Contains(detail!.Diagnosis!.Depth!.Caveats, c => c.Code == caveat);
        var theory = await _client.GetAsync($"/api/runs/{id}/theory");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, theory.StatusCode);
        using var weights = await _client.GetStreamAsync($"/api/runs/{id}/weights");
        using var copy = new MemoryStream();
        await weights.CopyToAsync(copy);
        copy.Position = 0;
        Assert.Equal(model, SafeTensorsFile.Read(copy).Metadata["model"]);
    }

    [Fact]
    public async Task Compare_PostLnAgainstPreLn_LinesUpASublayersSeriesAndNamesThePlacement()
    {
        async Task<Guid> SubmitAsync(string placement)
        {
            var spec = $$$"""{"model": {"architecture": "transformer", "depth": 2, "width": 16, "heads": 2, "placement": "{{{placement}}}"}, "data": {"kind": "text", "sequenceLength": 8, "samples": 200}, "training": {"steps": 5, "batchSize": 16}}""";
            var response = await _client.PostAsync("/api/runs", new StringContent(spec, Encoding.UTF8, "application/json"));
            var id = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
            await RunWaiter.FinishedAsync(_client, id);
            return id;
        }
        var (post, pre) = (await SubmitAsync("post-ln"), await SubmitAsync("pre-ln"));

        var comparison = await _client.GetFromJsonAsync<Comparison>($"/api/compare?ids={post},{pre}&field=weightGradNorm&layer=5", Json.Options);

        Assert.Equal([post, pre], comparison!.Runs.Select(r => r.Id));
        Assert.All(comparison.Runs, r => Assert.Equal(5, r.Points.Count));
        Assert.Contains(comparison.Differences, d => d.Field == "model.placement");
    }
}
