using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Diagnosis;
using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Bench.Service;
using GradientService.Bench.Targets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.E2E.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// `render --first-look [--steps 100000] [--repeat 3]` (issue 17, target ≤ 1 s to the first charts, ≤ 2 s to fully
/// interactive): a finished 100-layer run of <c>--steps</c> steps is written into the product's own store through the
/// service's telemetry writer (<see cref="SyntheticSteps"/>, as the `queries` benchmark builds its big run), then its run
/// page is opened by in-app navigation from the runs list, <c>--repeat</c> times. first-look.js times, from the
/// navigation, the heatmap, depth profile and training charts drawn, and the page fully loaded and answering frames.
/// </summary>
public static class FirstLook
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "Dashboard", "first-look.js");

    /// <summary>Call before the page opens the dashboard.</summary>
    public static async Task InstallAsync(IPage page)
    {
        await page.AddInitScriptAsync($"window.chartPixels = {GradientService.E2E.Harness.Canvas.CountScript};");
        await page.AddInitScriptAsync(scriptPath: Script);
    }

    /// <summary>Writes the finished run into the app's store; returns its id and the seconds it took.</summary>
    public static (Guid Id, double Seconds) Seed(AppHost app, int layers, int steps)
    {
        var clock = Stopwatch.StartNew();
        var database = new ServiceDatabase(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath);
        var run = database.AddRun($"first look: {layers} layers × {steps:N0} steps", steps, layers);
        SyntheticSteps.Record(database, run, layers, steps);
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = layers - 1, Width = 16, Activation = ActivationKind.Relu },
            Init = new InitSpec { Scheme = InitScheme.HeNormal },
            Training = new TrainingSpec { Steps = steps },
        };
        var described = Enumerable.Range(1, layers).Select(l => new LayerDescription(l, $"layers.{l - 1}", 16, 16, "dense")).ToArray();
        using var db = database.Context();
        db.Runs.Where(r => r.Key == run.Key).ExecuteUpdate(s => s
            .SetProperty(r => r.Status, RunStatus.Completed)
            .SetProperty(r => r.StepsDone, steps)
            .SetProperty(r => r.SpecJson, JsonSerializer.Serialize(spec, SpecJson.Options))
            .SetProperty(r => r.LayersJson, JsonSerializer.Serialize(described, JsonSerializerOptions.Web))
            .SetProperty(r => r.StartedAt, DateTime.UtcNow)
            .SetProperty(r => r.FinishedAt, DateTime.UtcNow));
        // What the executor does when a run finishes (RunExecutor.FinishAsync): its theory is computed before anyone opens it.
        var theories = app.Services.GetRequiredService<RunTheories>();
        theories.Prepare(run.Id, spec);
        theories.GetAsync(run.Id, spec).Wait();
        return (run.Id, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Opens the run page from the runs list once: ms to the first charts drawn and to fully interactive. With
    /// <paramref name="profilePath"/>, Chromium's CPU profile of the opening is written there (`--profile`: where the main
    /// thread goes); with <paramref name="tracePath"/>, its performance trace (`--trace`: tasks, layouts and paints apart).
    /// </summary>
    public static async Task<JsonObject> MeasureAsync(IPage page, Guid id, string? profilePath = null, string? tracePath = null)
    {
        await page.EvaluateAsync("() => Blazor.navigateTo('')");
        await page.GetByTestId("runs").WaitForAsync();
        var load = LoadAverage();
        var profile = profilePath is null ? null : await RenderMeter.StartProfileAsync(page);
        var trace = tracePath is null ? null : await ChromeTrace.StartAsync(page);
        await page.EvaluateAsync("path => { firstLook.start(); Blazor.navigateTo(path); }", $"runs/{id}");
        await page.WaitForFunctionAsync("() => firstLook.result().interactive !== null", null, new() { Timeout = 180_000, PollingInterval = 100 });
        if (profile is not null) await RenderMeter.StopProfileAsync(profile, profilePath!); // not null with a profile
        if (trace is not null) await trace.StopAsync(tracePath!); // not null with a trace
        var result = await page.EvaluateAsync<JsonElement>("() => firstLook.result()");
        var drawn = JsonNode.Parse(result.GetProperty("drawn").GetRawText())!.AsObject();
        drawn.Remove("$id"); // Playwright's reference marker
        return new JsonObject
        {
            ["firstChartsMs"] = result.GetProperty("firstCharts").GetDouble(),
            ["interactiveMs"] = result.GetProperty("interactive").GetDouble(),
            ["loadAverage1m"] = load,
            ["chartDrawnMs"] = drawn,
            ["loadedMs"] = result.GetProperty("loaded").GetDouble(),
            ["requests"] = JsonNode.Parse(result.GetProperty("requests").GetRawText()),
        };
    }

    /// <summary>
    /// The targets table's rows: the median of the openings to the first charts drawn (goal ≤ 1 s) and to fully
    /// interactive (≤ 2 s), and the same for the first opening alone, on a cold server (its caches and JIT empty); each
    /// judged against the goal itself, as nothing else in the run measures the same.
    /// </summary>
    public static IReadOnlyList<TargetRow> Rows(JsonArray runs, int layers, int steps)
    {
        var config = string.Create(CultureInfo.InvariantCulture, $"{layers} layers × {steps:N0} steps");
        double Median(string key)
        {
            var values = runs.Select(r => r![key]!.GetValue<double>()).Order().ToList();
            return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        }
        TargetRow Row(string target, string config, double ms, double goal) =>
            new(target, config, ms, "ms", "goal", goal, ms / goal, string.Create(CultureInfo.InvariantCulture, $"≤ {goal:N0} ms"), ms >= 0 && ms <= goal);
        return
        [
            Row("first look: first charts drawn", $"{config}, median of {runs.Count}", Median("firstChartsMs"), 1000),
            Row("first look: fully interactive", $"{config}, median of {runs.Count}", Median("interactiveMs"), 2000),
            Row("first look: first charts drawn", $"{config}, first opening (cold server)", runs[0]!["firstChartsMs"]!.GetValue<double>(), 1000),
            Row("first look: fully interactive", $"{config}, first opening (cold server)", runs[0]!["interactiveMs"]!.GetValue<double>(), 2000),
        ];
    }

    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
}
