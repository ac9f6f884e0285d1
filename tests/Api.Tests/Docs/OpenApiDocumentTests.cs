using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Tests.Infrastructure;

namespace GradientService.Api.Tests.Docs;

/// <summary>src/Api/openapi.json is the served document, committed so API changes show in diffs.</summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Document_MatchesTheCommittedOpenApiJson()
    {
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var path = RepositoryFiles.Path("src", "Api", "openapi.json");
        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";

        if (committed != text && Environment.GetEnvironmentVariable("CI") != "true")
            await File.WriteAllTextAsync(path, text); // regenerated for the developer to commit; the assertion still fails this once

        Assert.True(committed == text, "src/Api/openapi.json differs from the served document; it was rewritten, commit it.");
    }

    [Fact]
    public async Task Document_EveryOperationHasSummaryDescriptionTagAndId()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (Route: $"{op.Key} {path.Key}", Op: op.Value!))).ToList();

        Assert.True(operations.Count >= 20);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Op["summary"]), $"{o.Route} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Op["description"]), $"{o.Route} has no description");
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Op["operationId"]), $"{o.Route} has no operationId");
            Assert.NotEmpty(o.Op["tags"]!.AsArray());
        });
    }
}
