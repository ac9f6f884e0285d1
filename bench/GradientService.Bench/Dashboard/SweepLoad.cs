using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GradientService.E2E.Harness;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// The render benchmark's background load (issue 13, Speed): a sweep of small runs training in the same service while the
/// watched run streams. Cells are tanh MLPs of width 16 and 300 steps, model.depth × init.weightVariance (scaled-normal),
/// as a user exploring the phase diagram would submit.
/// </summary>
public sealed class SweepLoad(AppHost app, Guid id, Stopwatch clock) : IDisposable
{
    private static readonly int[] Depths = [2, 4, 6, 8, 10, 12];

    private readonly HttpClient _http = new() { BaseAddress = app.BaseAddress };

    public Guid Id { get; } = id;

    /// <summary>Submits a sweep of <paramref name="cells"/> cells (a multiple of 6: six depths × cells / 6 values of σ_w² from 0.5 up).</summary>
    public static async Task<SweepLoad> SubmitAsync(AppHost app, int cells)
    {
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var variances = new JsonArray(Enumerable.Range(1, Math.Max(1, cells / Depths.Length)).Select(i => (JsonNode?)(0.5 * i)).ToArray());
        var request = new JsonObject
        {
            ["name"] = "render benchmark load",
            ["spec"] = new JsonObject
            {
                ["model"] = new JsonObject { ["architecture"] = "mlp", ["depth"] = 2, ["width"] = 16, ["activation"] = "tanh" },
                ["init"] = new JsonObject { ["scheme"] = "scaled-normal" },
                ["data"] = new JsonObject { ["kind"] = "moons", ["samples"] = 1000 },
                ["optimizer"] = new JsonObject { ["kind"] = "sgd", ["learningRate"] = 0.01 },
                ["training"] = new JsonObject { ["batchSize"] = 16, ["steps"] = 300, ["evalEvery"] = 0 },
            },
            ["axes"] = new JsonArray(
                new JsonObject { ["field"] = "model.depth", ["values"] = new JsonArray(Depths.Select(d => (JsonNode?)d).ToArray()) },
                new JsonObject { ["field"] = "init.weightVariance", ["values"] = variances }),
        };
        using var response = await http.PostAsJsonAsync("api/sweeps", request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sweep refused: {await response.Content.ReadAsStringAsync()}");
        var sweep = JsonNode.Parse(await response.Content.ReadAsStringAsync())!; // a 202 carries the sweep
        return new SweepLoad(app, sweep["id"]!.GetValue<Guid>(), clock);
    }

    /// <summary>Cells finished so far (completed, diverged, failed or cancelled) and the sweep's size.</summary>
    public async Task<(int Done, int Cells)> ProgressAsync()
    {
        var sweep = (await _http.GetFromJsonAsync<JsonNode>($"api/sweeps/{Id}"))!; // 200 for a sweep we submitted
        var cells = sweep["cells"]!.GetValue<int>();
        return (cells - sweep["queued"]!.GetValue<int>() - sweep["running"]!.GetValue<int>(), cells);
    }

    /// <summary>Seconds from submission until every cell has finished.</summary>
    public async Task<double> WaitAsync(TimeSpan timeout)
    {
        while (clock.Elapsed < timeout)
        {
            var (done, cells) = await ProgressAsync();
            if (done == cells) return clock.Elapsed.TotalSeconds;
            await Task.Delay(200);
        }
        throw new TimeoutException($"sweep {Id} not finished after {timeout}");
    }

    public void Dispose() => _http.Dispose();
}
