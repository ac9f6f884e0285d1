using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Options;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Storage;

/// <summary>
/// A store written by the version before metric ordinals and chunk versions (Fixtures/gradients-v1.db) opens, migrates
/// and serves its runs as that version served them: the expected answers were recorded from that version's Api, with
/// the metrics added to the tables since appended as absent (null in JSON, an empty CSV cell), which the test of the
/// recording checked line by line.
/// </summary>
public sealed class StoredV1DatabaseTests(StoredV1Database store) : IClassFixture<StoredV1Database>
{
    public static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static readonly Dictionary<string, Guid> Runs = new()
    {
        ["mlp"] = Guid.Parse("01a246e2-456d-715c-8e20-913cecb5fa8e"),
        ["residual"] = Guid.Parse("01a246e2-48f4-7e57-bdeb-2eaef225e24b"),
        ["lstm"] = Guid.Parse("01a246e2-497f-7ff5-a5ba-59d7585a52f6"),
    };

    private readonly HttpClient _client = store.Client;

    [Fact]
    public async Task RunsList_StoredRuns_KeepTheirNamesStatusAndCounts()
    {
        var page = await _client.GetFromJsonAsync<Page<RunSummary>>("/api/runs", Json.Options);

        var runs = page!.Items.OrderBy(r => r.Name).Select(r => (r.Name, r.Status, r.StepsDone, r.ClipEvents, r.NonFiniteEvents)).ToList();
        Assert.Equal(
        [
            ("fixture lstm", RunStatus.Completed, 150, 67, 0),
            ("fixture mlp", RunStatus.Completed, 300, 65, 0),
            ("fixture residual", RunStatus.Completed, 200, 100, 0),
        ], runs);
    }

    [Theory]
    [InlineData("mlp", 5, 898, 0.0009648953873734351, 300)]
    [InlineData("residual", 6, 1330, 0.7553950274008915, 200)]
    [InlineData("lstm", 2, 1297, 0.19125313572685537, 150)]
    public async Task RunDetail_StoredRun_HasItsLayersAndFinalFigures(string run, int layers, int parameters, double finalTestLoss, int checkpoint)
    {
        var detail = await _client.GetFromJsonAsync<RunDetail>($"/api/runs/{Runs[run]}", Json.Options);

        Assert.Equal((layers, parameters, finalTestLoss, checkpoint), (detail!.Layers.Count, detail.ParameterCount, detail.FinalTestLoss, detail.CheckpointStep));
    }

    [Theory]
    [InlineData("mlp", "steps.json", "steps?fields=loss,trainAccuracy,testLoss,gradNormBefore,gradNormAfter,clipScale")]
    [InlineData("residual", "steps.json", "steps?fields=loss,trainAccuracy,testLoss,gradNormBefore,gradNormAfter,clipScale")]
    [InlineData("lstm", "steps.json", "steps?fields=loss,trainAccuracy,testLoss,gradNormBefore,gradNormAfter,clipScale")]
    [InlineData("mlp", "layer1.json", LayerSeries)]
    [InlineData("residual", "layer1.json", LayerSeries)]
    [InlineData("lstm", "layer1.json", LayerSeries)]
    [InlineData("mlp", "heatmap.json", "heatmap?field=weightGradNorm&columns=7")]
    [InlineData("residual", "heatmap.json", "heatmap?field=weightGradNorm&columns=7")]
    [InlineData("lstm", "heatmap.json", "heatmap?field=weightGradNorm&columns=7")]
    [InlineData("mlp", "heatmap-rollup.json", "heatmap?field=deltaNorm&columns=2&aggregate=mean")]
    [InlineData("residual", "heatmap-rollup.json", "heatmap?field=deltaNorm&columns=2&aggregate=mean")]
    [InlineData("lstm", "heatmap-rollup.json", "heatmap?field=deltaNorm&columns=2&aggregate=mean")]
    [InlineData("mlp", "profile.json", "depth-profile?step=100")]
    [InlineData("residual", "profile.json", "depth-profile?step=100")]
    [InlineData("lstm", "profile.json", "depth-profile?step=100")]
    public async Task Series_StoredRun_AnswerAsTheVersionThatWroteIt(string run, string expected, string query)
    {
        var answer = JsonNode.Parse(await _client.GetStringAsync($"/api/runs/{Runs[run]}/{query}"));

        var oracle = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "gradients-v1", $"{run}.{expected}")));
        Assert.True(JsonNode.DeepEquals(oracle, answer), $"{run} {query}:\n{answer?.ToJsonString()}");
    }

    [Theory]
    [InlineData("mlp", "steps.csv")]
    [InlineData("residual", "steps.csv")]
    [InlineData("lstm", "steps.csv")]
    [InlineData("mlp", "layers.csv")]
    [InlineData("residual", "layers.csv")]
    [InlineData("lstm", "layers.csv")]
    public async Task CsvExport_StoredRun_IsTheFileThatVersionWrote(string run, string file)
    {
        var csv = await _client.GetStringAsync($"/api/runs/{Runs[run]}/export/{file}");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Fixtures, "gradients-v1", $"{run}.{file}")), csv);
    }

    private const string LayerSeries = "layers/1?fields=weightGradNorm,biasGradNorm,deltaNorm,weightNorm,updateRatio,activationMean,activationStd,saturation,deadFraction,nonFiniteCount";
}

/// <summary>A copy of Fixtures/gradients-v1.db served by the current Api (the tests only read it).</summary>
public sealed class StoredV1Database : IDisposable
{
    private readonly ApiFactory _factory = new() { Provider = StorageProvider.Sqlite }; // a SQLite file of the first schema

    public StoredV1Database()
    {
        File.Copy(Path.Combine(StoredV1DatabaseTests.Fixtures, "gradients-v1.db"), _factory.DatabasePath);
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    public void Dispose() => _factory.Dispose();
}
