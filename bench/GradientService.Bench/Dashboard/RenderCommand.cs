using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Bench.Service;
using GradientService.E2E.Harness;
using Microsoft.Playwright;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// `render [--steps 10000] [--repeat 3] [--json file]`: the dashboard while a 100-layer run streams into its run page,
/// in the real product and Debian's headless Chromium. <see cref="RenderMeter"/> times each render (one render tick of the
/// run page plus the drawing it caused in the next animation frame) and counts animation frames; each repetition is a
/// fresh run and page, and the summary gives their medians with the host's load average (the machine is shared: compare medians).
/// Targets (issue 6): a live update renders in ≤ 50 ms; ≥ 30 frames/s while streaming.
/// </summary>
public static class RenderCommand
{
    public const string Help = "       GradientService.Bench render [--steps 10000] [--repeat 3] [--json file]";

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var steps = RecorderCommand.Int(args, "--steps", 10_000);
        var repeat = RecorderCommand.Int(args, "--repeat", 3);
        var jsonAt = Array.IndexOf(args, "--json");
        var jsonPath = jsonAt >= 0 && jsonAt + 1 < args.Length ? Path.GetFullPath(args[jsonAt + 1]) : null;
        var runs = new JsonArray();
        // WebApplicationFactory reads MvcTestingAppManifest.json (where the Api's content root is) from the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using (var app = new AppHost())
        await using (var browser = await Chromium.LaunchAsync())
        {
            // One loaded dashboard for every repetition: each run page opens by in-app navigation right after the run is
            // submitted, so it is streaming within a second (reloading the WebAssembly app on a busy machine can take
            // longer than a whole run).
            var page = await browser.Context.NewPageAsync();
            await RenderMeter.InstallAsync(page);
            var errors = new PageErrors(page);
            await page.GotoAsync(app.BaseAddress.ToString());
            await page.GetByTestId("runs").WaitForAsync(new() { Timeout = 300_000 });
            for (var i = 0; i < repeat; i++)
            {
                var run = await MeasureAsync(app, page, steps);
                run["pageErrors"] = errors.All.Count;
                Console.Error.WriteLine($"run {i + 1}/{repeat}: {run.ToJsonString()}");
                runs.Add(run);
            }
        }
        var report = new JsonObject
        {
            ["layers"] = HundredLayerRun.Layers,
            ["steps"] = steps,
            ["processors"] = Environment.ProcessorCount,
            ["median"] = new JsonObject
            {
                ["fps"] = Median(runs, "fps"),
                ["renderMeanMs"] = Median(runs, "renders", "mean"),
                ["renderP95Ms"] = Median(runs, "renders", "p95"),
                ["renderMaxMs"] = Median(runs, "renders", "max"),
                ["loadAverage1m"] = Median(runs, "loadAfter"),
            },
            ["runs"] = runs,
        };
        var text = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(text);
        if (jsonPath is not null) await File.WriteAllTextAsync(jsonPath, text);
        return 0;
    }

    /// <summary>One fresh run watched from its first live step to its end; the figures cover only that streaming stretch.</summary>
    private static async Task<JsonObject> MeasureAsync(AppHost app, IPage page, int steps)
    {
        var id = await HundredLayerRun.SubmitAsync(app, steps);
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", $"runs/{id}");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=link-state]')?.dataset.firstLive ?? 0) > 0"
            + " || document.querySelector('[data-testid=status]')?.textContent?.trim() === 'completed'", null, new() { Timeout = 300_000 });
        var loadBefore = LoadAverage();
        await RenderMeter.ResetAsync(page);
        var run = new RunPage(page);
        await run.WaitForStatusAsync("completed", TimeSpan.FromMinutes(30));
        var stats = await RenderMeter.ReadAsync(page);
        stats["firstLive"] = await run.AttributeAsync("data-first-live");
        stats["stepShown"] = await run.StepAsync();
        stats["missing"] = await run.AttributeAsync("data-missing");
        stats["loadBefore"] = loadBefore;
        stats["loadAfter"] = LoadAverage();
        await page.EvaluateAsync("() => Blazor.navigateTo('')");
        await page.GetByTestId("runs").WaitForAsync();
        return stats;
    }

    private static double Median(JsonArray runs, params string[] path)
    {
        var values = runs.Select(r => path.Aggregate((JsonNode?)r, (node, key) => node?[key])?.GetValue<double>() ?? double.NaN)
            .Where(double.IsFinite).Order().ToList();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>The 1-minute load average (Linux), so figures from a busy machine can be told apart.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
}
