using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>
/// Thousands of mutated and random bodies to POST /api/runs: every answer is 2xx, or 4xx with a problem document,
/// and the service still answers afterwards. Seeded, so a failure reproduces.
/// </summary>
public sealed class SubmitFuzzTests(SubmitFuzzTests.Factory factory) : IClassFixture<SubmitFuzzTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Security:MaxBodyBytes", "65536")];
    }

    private const int Bodies = 3000;

    private static readonly JsonNode?[] Oddities =
    [
        null, true, false, 0, -1, 1, int.MaxValue, long.MinValue, 1e308, -1e-308, 0.5, "", "x", "NaN", "Infinity", "-1",
        "he-normal", "relu", new string('z', 300), new JsonArray(), new JsonArray(1, 2, 3), new JsonObject(), new JsonObject { ["a"] = 1 },
    ];

    [Fact]
    public async Task Submit_MutatedAndRandomBodies_AlwaysAnswer2xxOr4xxWithAProblem()
    {
        var client = factory.CreateClient();
        var random = new Random(20261123);
        var basis = JsonSerializer.SerializeToNode(Json.TinySpec(steps: 2), SpecJson.Options)!.AsObject();
        var outcomes = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < Bodies; i++)
        {
            var body = (i % 10) switch
            {
                0 => RandomBytes(random),
                1 => Truncate(basis.ToJsonString(), random),
                _ => Mutate(basis, random).ToJsonString(),
            };
            var response = await client.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
            var code = (int)response.StatusCode;
            outcomes[response.StatusCode] = outcomes.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True(code is >= 200 and < 300 or >= 400 and < 500, $"Body {i} answered {code}: {body}");
            if (code >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json.Options);
                Assert.Equal(code, problem!.Status);
            }
        }

        Assert.True(outcomes.GetValueOrDefault(HttpStatusCode.Accepted) > 0);
        Assert.True(outcomes.GetValueOrDefault(HttpStatusCode.BadRequest) > Bodies / 2);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/runs", Json.Body(Json.TinySpec(steps: 2)))).StatusCode);
    }

    private static string RandomBytes(Random random)
    {
        var chars = new char[random.Next(0, 200)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(1, 0x7F);
        return new string(chars);
    }

    private static string Truncate(string json, Random random) => json[..random.Next(0, json.Length)];

    /// <summary>One to three changes: replace a value, drop a field, add an unknown one, or nest junk.</summary>
    private static JsonObject Mutate(JsonObject basis, Random random)
    {
        var copy = basis.DeepClone().AsObject();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var (parent, key) = PickField(copy, random);
            switch (random.Next(4))
            {
                case 0: parent[key] = Oddities[random.Next(Oddities.Length)]?.DeepClone(); break;
                case 1: parent.Remove(key); break;
                case 2: parent["unknown" + random.Next(100)] = random.Next(); break;
                default: parent[key] = random.Next(2) == 0 ? random.NextDouble() * Math.Pow(10, random.Next(-10, 12)) : -random.Next(); break;
            }
        }
        return copy;
    }

    private static (JsonObject Parent, string Key) PickField(JsonObject root, Random random)
    {
        var parent = root;
        while (true)
        {
            var keys = parent.Select(p => p.Key).ToList();
            if (keys.Count == 0) return (parent, "name");
            var key = keys[random.Next(keys.Count)];
            if (parent[key] is JsonObject child && random.Next(3) > 0) { parent = child; continue; }
            return (parent, key);
        }
    }
}
