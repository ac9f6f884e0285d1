using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>POST /api/runs/{id}/remedies/{remedy}: a try-it run differs from its parent in exactly the remedy's fields.</summary>
public sealed class RemediesEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Remedies => [.. RemedyCatalog.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(Remedies))]
    public async Task TryRemedy_EveryPresetItAppliesTo_ChildDiffersInExactlyThePatchsFields(string remedy)
    {
        var client = factory.CreateClient();
        var presets = PresetCatalog.All.Where(p => RemedyCatalog.Find(remedy)!.Patch(p.Spec) is not null).ToList();
        Assert.NotEmpty(presets);
        foreach (var preset in presets)
        {
            var parent = await Submit(client, preset.Name);
            var response = await client.PostAsync($"/api/runs/{parent}/remedies/{remedy}", null);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{remedy} on {preset.Name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var created = (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!;
            Assert.Equal($"/api/runs/{created.Id}", response.Headers.Location?.ToString());

            var parentDetail = (await client.GetFromJsonAsync<RunDetail>($"/api/runs/{parent}", Json.Options))!;
            var child = (await client.GetFromJsonAsync<RunDetail>($"/api/runs/{created.Id}", Json.Options))!;
            var patch = RemedyCatalog.Find(remedy)!.Patch(parentDetail.Spec)!;
            var before = Leaves(JsonSerializer.SerializeToNode(parentDetail.Spec, SpecJson.Options)!.AsObject());
            var after = Leaves(JsonSerializer.SerializeToNode(child.Spec, SpecJson.Options)!.AsObject());
            var patched = Leaves(patch);

            var differing = before.Keys.Union(after.Keys)
                .Where(path => !before.TryGetValue(path, out var b) || !after.TryGetValue(path, out var a) || !JsonNode.DeepEquals(a, b)).ToList();
            Assert.NotEmpty(differing);
            Assert.All(differing, path => Assert.True(patched.ContainsKey(path), $"{remedy} on {preset.Name}: {path} changed but is not in the patch {patch.ToJsonString()}"));
            Assert.All(patched, p => Assert.True(differing.Contains(p.Key) || IsSet(after, p.Key, p.Value),
                $"{remedy} on {preset.Name}: the patch's {p.Key} neither differs nor is set"));
            Assert.Equal(parent, child.ParentId);
            Assert.Equal(remedy, child.Remedy);
        }
    }

    [Fact]
    public async Task TryRemedy_UnknownRun_Returns404()
    {
        var response = await factory.CreateClient().PostAsync($"/api/runs/{Guid.NewGuid()}/remedies/{RemedyCatalog.ReluHe}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TryRemedy_UnknownRemedy_Returns404NamingTheRemedies()
    {
        var client = factory.CreateClient();
        var parent = await Submit(client, "deep-sigmoid");

        var response = await client.PostAsync($"/api/runs/{parent}/remedies/prayer", null);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(RemedyCatalog.ReluHe, problem!.Detail);
    }

    [Theory]
    [InlineData("deep-relu-he", RemedyCatalog.ReluHe)]
    [InlineData("exploding-rnn-clipped", RemedyCatalog.Clip)]
    [InlineData("adding-rnn", RemedyCatalog.BatchNorm)]
    public async Task TryRemedy_NotApplicable_Returns409(string preset, string remedy)
    {
        var client = factory.CreateClient();
        var parent = await Submit(client, preset);

        var response = await client.PostAsync($"/api/runs/{parent}/remedies/{remedy}", null);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Remedy does not apply", problem!.Title);
    }

    [Fact]
    public async Task ListRuns_ParentFilter_ListsOnlyItsTryItRuns()
    {
        var client = factory.CreateClient();
        var parent = await Submit(client, "deep-sigmoid");
        var other = await Submit(client, "deep-sigmoid");
        var children = new List<Guid>();
        foreach (var remedy in new[] { RemedyCatalog.ReluHe, RemedyCatalog.BatchNorm })
        {
            var response = await client.PostAsync($"/api/runs/{parent}/remedies/{remedy}", null);
            children.Add((await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id);
        }
        await client.PostAsync($"/api/runs/{other}/remedies/{RemedyCatalog.ReluHe}", null);

        var page = await client.GetFromJsonAsync<Page<RunSummary>>($"/api/runs?parent={parent}", Json.Options);

        Assert.Equal(children.Order(), page!.Items.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task GetRun_SubmittedDirectly_HasNoParent()
    {
        var client = factory.CreateClient();
        var id = await Submit(client, "deep-sigmoid");

        var run = await client.GetFromJsonAsync<RunDetail>($"/api/runs/{id}", Json.Options);

        Assert.Null(run!.ParentId);
        Assert.Null(run.Remedy);
    }

    private static async Task<Guid> Submit(HttpClient client, string preset)
    {
        var response = await client.PostAsync($"/api/runs/from-preset/{preset}", Json.Body(new { training = new { steps = 2, evalEvery = 1 } }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunCreated>(Json.Options))!.Id;
    }

    /// <summary>"model.activation" → value for every non-object value (arrays and null are leaves).</summary>
    private static Dictionary<string, JsonNode?> Leaves(JsonObject root)
    {
        var leaves = new Dictionary<string, JsonNode?>();
        void Walk(JsonObject o, string prefix)
        {
            foreach (var (name, value) in o)
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                if (value is JsonObject inner) Walk(inner, path);
                else leaves[path] = value;
            }
        }
        Walk(root, "");
        return leaves;
    }

    /// <summary>The child holds the patch's value there (a null in the patch: the field is absent or null).</summary>
    private static bool IsSet(Dictionary<string, JsonNode?> after, string path, JsonNode? value) =>
        value is null ? !after.TryGetValue(path, out var v) || v is null : after.TryGetValue(path, out var a) && JsonNode.DeepEquals(a, value);
}
