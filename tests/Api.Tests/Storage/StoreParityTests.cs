using System.Net.Http.Json;
using GradientService.Api.Options;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Storage;

/// <summary>
/// The same run trained by the real engine on a SQLite file and on the store under test (PostgreSQL in scripts/test.sh's
/// second pass, where this compares the two engines; SQLite otherwise): every query endpoint answers byte for byte the same.
/// </summary>
public sealed class StoreParityTests
{
    /// <summary>Deep sigmoid: episodes and events; 300 steps cross layer chunks (32 steps) and rollup buckets.</summary>
    private static readonly RunSpec Spec = Json.TinySpec(steps: 300, seed: 11, name: "Parity Run") with
    {
        Model = new MlpSpec { Depth = 8, Width = 8, Activation = ActivationKind.Sigmoid },
    };

    private static readonly string[] Queries =
    [
        "steps", "steps?maxPoints=50", "steps?fields=loss,testLoss,gradNormBefore&from=17&to=250",
        "layers/1", "layers/5?fields=weightGradNorm,deltaNorm,saturation&maxPoints=40", "layers/9?from=31&to=65",
        "depth-profile?step=150", "depth-profile?step=300", "heatmap", "heatmap?columns=7&from=20&to=280",
        "output-depths", "events", "episodes", "theory",
        "export/steps.csv", "export/layers.csv", "export/layers.csv?fields=weightGradNorm,activationMean",
    ];

    [Fact]
    public async Task QueryEndpoints_SameRunOnSqliteAndOnTheStoreUnderTest_AnswerTheSame()
    {
        using var sqlite = new EngineApiFactory { Provider = StorageProvider.Sqlite };
        using var tested = new EngineApiFactory();
        var (sqliteClient, testedClient) = (sqlite.CreateClient(), tested.CreateClient());
        var sqliteRun = await TrainAsync(sqliteClient);
        var testedRun = await TrainAsync(testedClient);

        foreach (var query in Queries)
        {
            var expected = await Answer(sqliteClient, sqliteRun, query);
            var actual = await Answer(testedClient, testedRun, query);
            Assert.True(expected.Status == actual.Status && expected.Body == actual.Body,
                $"{query}: SQLite answered {expected.Status} {Cut(expected.Body)}; {tested.Provider} answered {actual.Status} {Cut(actual.Body)}");
        }
    }

    [Fact]
    public async Task RunList_TextInEitherCase_FindsTheRunOnEitherStore()
    {
        using var tested = new ApiFactory();
        var client = tested.CreateClient();
        await client.PostAsync("/api/runs", Json.Body(Spec));

        foreach (var text in new[] { "parity", "PARITY RUN", "rity R" })
        {
            var page = await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?text={Uri.EscapeDataString(text)}", Json.Options);
            Assert.Equal(1, page!.Total);
        }
    }

    private static async Task<Guid> TrainAsync(HttpClient client)
    {
        var created = await (await client.PostAsync("/api/runs", Json.Body(Spec))).Content.ReadFromJsonAsync<RunCreated>(Json.Options);
        var run = await RunWaiter.FinishedAsync(client, created!.Id);
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        return created.Id;
    }

    private static async Task<(int Status, string Body)> Answer(HttpClient client, Guid run, string query)
    {
        using var response = await client.GetAsync($"/api/runs/{run}/{query}");
        var body = (await response.Content.ReadAsStringAsync()).Replace(run.ToString(), "{run}", StringComparison.OrdinalIgnoreCase);
        return ((int)response.StatusCode, body);
    }

    private static string Cut(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
