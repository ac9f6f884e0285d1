using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Options;
using GradientService.Bench.Service;
using GradientService.Bench.Targets;
using GradientService.E2E.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// `render [--steps 10000] [--repeat 3] [--json file]`: the dashboard while a 100-layer run streams into its run page,
/// in the real product and Debian's headless Chromium. <see cref="RenderMeter"/> times each render (one render tick of the
/// run page plus the drawing it caused in the next animation frame) and counts animation frames; each repetition is a
/// fresh run and page, and the summary gives their medians with the host's load average (the machine is shared: compare medians).
/// Targets (issues 6 and 17): a live update renders in ≤ 50 ms (p95); ≥ 30 frames/s while streaming; printed as the targets
/// table's rows with the watched run's steps/s beside the same spec trained bare (<see cref="BareEngine"/>) right before.
/// `--profile file.cpuprofile`: Chromium's CPU profile of the page over the first repetition's streaming window.
/// `--sweep 48` (issue 13: a sweep of 48 small runs must not starve the dashboard): every repetition measures the run page
/// alone and then again with a <see cref="SweepLoad"/> submitted right behind the watched run, on `--slots 2` worker slots
/// (Workers:MaxConcurrentRuns) so the sweep trains beside the watched run. That measurement's window ends with the sweep (or
/// the watched run, if it ends first: give it enough --steps); it adds the sweep's wall time and the watched run's steps/s.
/// `--first-look` (issue 17): opening a finished run of --steps steps instead (<see cref="FirstLook"/>); with `--profile`,
/// Chromium's CPU profile of the second opening; with `--trace file.json`, its performance trace (<see cref="ChromeTrace"/>).
/// </summary>
public static class RenderCommand
{
    public const string Help = "       GradientService.Bench render [--steps 10000] [--repeat 3] [--json file] [--sweep 48 [--slots 2]] [--first-look [--trace file.json]] [--profile file.cpuprofile] " + TargetTable.Help;

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var steps = RecorderCommand.Int(args, "--steps", 10_000);
        var repeat = RecorderCommand.Int(args, "--repeat", 3);
        var jsonAt = Array.IndexOf(args, "--json");
        var jsonPath = jsonAt >= 0 && jsonAt + 1 < args.Length ? Path.GetFullPath(args[jsonAt + 1]) : null;
        var sweep = RecorderCommand.Int(args, "--sweep", 0);
        var slots = RecorderCommand.Int(args, "--slots", 2);
        var firstLook = args.Contains("--first-look");
        var profileAt = Array.IndexOf(args, "--profile");
        var profilePath = profileAt >= 0 && profileAt + 1 < args.Length ? Path.GetFullPath(args[profileAt + 1]) : null;
        var traceAt = Array.IndexOf(args, "--trace");
        var tracePath = traceAt >= 0 && traceAt + 1 < args.Length ? Path.GetFullPath(args[traceAt + 1]) : null;
        // The finished run is written straight into the store: no worker may claim it meanwhile.
        if (firstLook) Environment.SetEnvironmentVariable("Workers__Enabled", "false");
        // Read by the Api's configuration (environment variables) when AppHost starts it; 0 is the product's default.
        if (sweep > 0) Environment.SetEnvironmentVariable("Workers__MaxConcurrentRuns", slots.ToString(CultureInfo.InvariantCulture));
        var runThreads = 1;
        var runs = new JsonArray();
        var swept = new JsonArray();
        // WebApplicationFactory reads MvcTestingAppManifest.json (where the Api's content root is) from the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using (var app = new AppHost())
        await using (var browser = await Chromium.LaunchAsync())
        {
            // The slots the service really runs with (the environment variable above reaches it, or the default does).
            var workers = app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
            slots = workers.ConcurrentRuns(Environment.ProcessorCount);
            runThreads = workers.RunThreads(Environment.ProcessorCount);
            // One loaded dashboard for every repetition: each run page opens by in-app navigation right after the run is
            // submitted, so it is streaming within a second (reloading the WebAssembly app on a busy machine can take
            // longer than a whole run).
            var page = await browser.Context.NewPageAsync();
            await RenderMeter.InstallAsync(page);
            await FirstLook.InstallAsync(page);
            var errors = new PageErrors(page);
            await page.GotoAsync(app.BaseAddress.ToString());
            await page.GetByTestId("runs").WaitForAsync(new() { Timeout = 300_000 });
            var seeded = firstLook ? FirstLook.Seed(app, HundredLayerRun.Layers, steps) : default;
            for (var i = 0; i < repeat && firstLook; i++)
            {
                // The profile covers the second opening: the server warm, as the median's openings are.
                var run = await FirstLook.MeasureAsync(page, seeded.Id, i == 1 ? profilePath : null, i == 1 ? tracePath : null);
                run["pageErrors"] = errors.All.Count;
                Console.Error.WriteLine($"first look {i + 1}/{repeat}: {run.ToJsonString()}");
                runs.Add(run);
            }
            for (var i = 0; i < repeat && !firstLook; i++)
            {
                // The reference: the same spec trained bare in this process, right before the watched run starts.
                var bare = BareEngine.StepsPerSecond(HundredLayerRun.Spec(steps), runThreads);
                var run = await MeasureAsync(app, page, steps, 0, i == 0 ? profilePath : null);
                run["bareStepsPerSecond"] = bare;
                run["pageErrors"] = errors.All.Count;
                Console.Error.WriteLine($"run {i + 1}/{repeat}: {run.ToJsonString()}");
                foreach (var error in errors.All.Distinct().Take(5)) Console.Error.WriteLine($"  page error: {error}");
                runs.Add(run);
                if (sweep == 0) continue;
                run = await MeasureAsync(app, page, steps, sweep, null);
                run["pageErrors"] = errors.All.Count;
                Console.Error.WriteLine($"run {i + 1}/{repeat} with the sweep: {run.ToJsonString()}");
                swept.Add(run);
            }
        }
        var report = new JsonObject
        {
            ["layers"] = HundredLayerRun.Layers,
            ["steps"] = steps,
            ["processors"] = Environment.ProcessorCount,
            ["median"] = firstLook ? new JsonObject
            {
                ["firstChartsMs"] = Median(runs, "firstChartsMs"),
                ["interactiveMs"] = Median(runs, "interactiveMs"),
                ["loadAverage1m"] = Median(runs, "loadAverage1m"),
            } : Medians(runs),
            ["runs"] = runs,
        };
        if (sweep > 0)
        {
            report["workerSlots"] = slots;
            report["withSweep"] = new JsonObject { ["cells"] = sweep, ["median"] = Medians(swept), ["runs"] = swept };
            PrintTable(report["median"]!, report["withSweep"]!["median"]!, sweep, slots);
        }
        var text = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(text);
        if (jsonPath is not null) await File.WriteAllTextAsync(jsonPath, text);
        TargetTable.Report(args, firstLook ? FirstLook.Rows(runs, HundredLayerRun.Layers, steps) : Targets(report["median"]!));
        return 0;
    }

    /// <summary>One fresh run watched from its first live step to its end; the figures cover only that streaming stretch.</summary>
    private static async Task<JsonObject> MeasureAsync(AppHost app, IPage page, int steps, int sweepCells, string? profilePath)
    {
        var id = await HundredLayerRun.SubmitAsync(app, steps);
        // Submitted right behind the watched run, so the watched run holds a slot and the cells train in the others or wait.
        using var sweep = sweepCells > 0 ? await SweepLoad.SubmitAsync(app, sweepCells) : null;
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", $"runs/{id}");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=link-state]')?.dataset.firstLive ?? 0) > 0"
            + " || document.querySelector('[data-testid=status]')?.textContent?.trim() === 'completed'", null, new() { Timeout = 300_000 });
        var loadBefore = LoadAverage();
        await RenderMeter.ResetAsync(page);
        var profile = profilePath is null ? null : await RenderMeter.StartProfileAsync(page);
        var run = new RunPage(page);
        var window = Stopwatch.StartNew();
        var firstStep = await run.StepAsync();
        var completed = run.WaitForStatusAsync("completed", TimeSpan.FromMinutes(30));
        var swept = sweep?.WaitAsync(TimeSpan.FromMinutes(30));
        // With a sweep the window closes when the sweep or the watched run ends, whichever comes first, so the figures
        // cover only the page under the sweep's load.
        await (swept is null ? completed : Task.WhenAny(completed, swept));
        var stats = await RenderMeter.ReadAsync(page);
        if (profile is not null) await RenderMeter.StopProfileAsync(profile, profilePath!); // not null with a profile
        // The step counter the user sees, so a starved page and a starved run both show here.
        stats["watchedStepsPerSecond"] = (await run.StepAsync() - firstStep) / window.Elapsed.TotalSeconds;
        if (sweep is not null)
        {
            stats["sweepCellsDoneWhileWatched"] = (double)(await sweep.ProgressAsync()).Done;
            stats["sweepSeconds"] = await swept!; // not null with a sweep
        }
        await completed;
        stats["firstLive"] = await run.AttributeAsync("data-first-live");
        stats["stepShown"] = await run.StepAsync();
        stats["missing"] = await run.AttributeAsync("data-missing");
        stats["loadBefore"] = loadBefore;
        stats["loadAfter"] = LoadAverage();
        await page.EvaluateAsync("() => Blazor.navigateTo('')");
        await page.GetByTestId("runs").WaitForAsync();
        return stats;
    }

    /// <summary>Issue 17's live-dashboard rows: frames/s and p95 render per update while the run streams, and the run's steps/s beside the bare engine's.</summary>
    private static List<TargetRow> Targets(JsonNode median)
    {
        double F(string key) => median[key]?.GetValue<double>() ?? double.NaN;
        const string Config = "mlp relu D100 W16 B16 (100 layers)";
        var (fps, p95, watched, bare) = (F("fps"), F("renderP95Ms"), F("watchedStepsPerSecond"), F("bareStepsPerSecond"));
        return
        [
            new("live dashboard: frames/s", Config, fps, "frames/s", "goal", 30, fps / 30, "≥ 30", fps >= 30),
            new("live dashboard: p95 render per update", Config, p95, "ms", "goal", 50, p95 / 50, "≤ 50 ms", p95 <= 50),
            new("live dashboard: watched run's steps/s", Config, watched, "steps/s", "bare engine", bare, watched / bare, "bare ≥ 2,000", bare >= 2000),
        ];
    }

    private static JsonObject Medians(JsonArray runs)
    {
        var medians = new JsonObject
        {
            ["fps"] = Median(runs, "fps"),
            ["renderMeanMs"] = Median(runs, "renders", "mean"),
            ["renderP95Ms"] = Median(runs, "renders", "p95"),
            ["renderMaxMs"] = Median(runs, "renders", "max"),
            ["watchedStepsPerSecond"] = Median(runs, "watchedStepsPerSecond"),
            ["bareStepsPerSecond"] = Median(runs, "bareStepsPerSecond"),
            ["loadAverage1m"] = Median(runs, "loadAfter"),
        };
        if (runs.Any(r => r?["sweepSeconds"] is not null))
        {
            medians["sweepSeconds"] = Median(runs, "sweepSeconds");
            medians["sweepCellsDoneWhileWatched"] = Median(runs, "sweepCellsDoneWhileWatched");
        }
        return medians;
    }

    /// <summary>The two medians side by side (stderr, so stdout stays one JSON document).</summary>
    private static void PrintTable(JsonNode alone, JsonNode loaded, int cells, int slots)
    {
        string F(JsonNode n, string key) => n[key] is { } v ? v.GetValue<double>().ToString("0.#", CultureInfo.InvariantCulture) : "–";
        Console.Error.WriteLine($"Workers:MaxConcurrentRuns = {slots}; watched: {HundredLayerRun.Layers}-layer run; sweep: {cells} cells (tanh MLP width 16, 300 steps)");
        Console.Error.WriteLine("| | frames/s | render mean ms | p95 ms | max ms | watched steps/s | sweep s | cells done while watched | load 1m |");
        Console.Error.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, n) in new[] { ("alone", alone), ($"with {cells}-cell sweep", loaded) })
            Console.Error.WriteLine($"| {label} | {F(n, "fps")} | {F(n, "renderMeanMs")} | {F(n, "renderP95Ms")} | {F(n, "renderMaxMs")} | "
                + $"{F(n, "watchedStepsPerSecond")} | {F(n, "sweepSeconds")} | {F(n, "sweepCellsDoneWhileWatched")} | {F(n, "loadAverage1m")} |");
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
