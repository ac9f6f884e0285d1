using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Bench.Service;
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
        return (run.Id, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Opens the run page from the runs list once: ms to the first charts drawn and to fully interactive.</summary>
    public static async Task<JsonObject> MeasureAsync(IPage page, Guid id)
    {
        await page.EvaluateAsync("() => Blazor.navigateTo('')");
        await page.GetByTestId("runs").WaitForAsync();
        var load = LoadAverage();
        await page.EvaluateAsync("path => { firstLook.start(); Blazor.navigateTo(path); }", $"runs/{id}");
        await page.WaitForFunctionAsync("() => firstLook.result().interactive !== null", null, new() { Timeout = 180_000, PollingInterval = 100 });
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

    /// <summary>The medians side by side with the targets (stderr, so stdout stays one JSON document).</summary>
    public static void PrintTable(JsonNode median, int layers, int steps)
    {
        string F(string key) => median[key]!.GetValue<double>().ToString("0", CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"first look at a finished {layers}-layer × {steps:N0}-step run (median; load 1m {median["loadAverage1m"]})");
        Console.Error.WriteLine("| | first charts drawn ms | fully interactive ms |");
        Console.Error.WriteLine("|---|---:|---:|");
        Console.Error.WriteLine($"| measured | {F("firstChartsMs")} | {F("interactiveMs")} |");
        Console.Error.WriteLine("| target | ≤ 1000 | ≤ 2000 |");
    }

    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
}
