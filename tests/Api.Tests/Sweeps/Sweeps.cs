using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Sweeps;

/// <summary>Sweep requests and waiting for a sweep's runs.</summary>
public static class Sweeps
{
    /// <summary>A tiny fast base spec: an mlp of width 8 on moons, a few steps.</summary>
    public static JsonObject TinyBase(int steps = 5) => new()
    {
        ["model"] = new JsonObject { ["architecture"] = "mlp", ["depth"] = 3, ["width"] = 8 },
        ["training"] = new JsonObject { ["steps"] = steps, ["batchSize"] = 8, ["evalEvery"] = steps, ["seed"] = 1 },
    };

    public static SweepAxis Axis(string field, params JsonNode[] values) => new(field, values);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, SweepRequest request) =>
        await client.PostAsync("/api/sweeps", Json.Body(request));

    public static async Task<SweepSummary> SubmitAsync(HttpClient client, SweepRequest request)
    {
        var response = await PostAsync(client, request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SweepSummary>(Json.Options))!;
    }

    /// <summary>Polls the sweep until every run is final.</summary>
    public static async Task<SweepSummary> FinishedAsync(HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(RunWaiter.Timeout * 2);
        while (true)
        {
            var sweep = await client.GetFromJsonAsync<SweepSummary>($"/api/sweeps/{id}", Json.Options, timeout.Token);
            if (sweep is not null && sweep.Queued + sweep.Running == 0) return sweep;
            await Task.Delay(50, timeout.Token);
        }
    }
}
