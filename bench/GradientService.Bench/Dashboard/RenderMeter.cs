using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// The render benchmark's meter, added to a page from the outside: render-meter.js runs before the dashboard loads, and
/// the dashboard's chart module is served as metered-charts.js (the module with its update functions timed).
/// </summary>
public static class RenderMeter
{
    private const string ChartsModule = "**/js/charts.js";

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Dashboard", name);

    /// <summary>Call before the page opens the dashboard.</summary>
    public static async Task InstallAsync(IPage page)
    {
        await page.AddInitScriptAsync(scriptPath: Script("render-meter.js"));
        var charts = await File.ReadAllTextAsync(Script("metered-charts.js"));
        await page.RouteAsync(ChartsModule, route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = charts }));
    }

    public static Task ResetAsync(IPage page) => page.EvaluateAsync("() => globalThis.renderMeter.reset()");

    /// <summary>Starts Chromium's sampling profiler on the page (`--profile file`: where the main thread goes while it streams).</summary>
    public static async Task<ICDPSession> StartProfileAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Profiler.enable");
        await session.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 500 });
        await session.SendAsync("Profiler.start");
        return session;
    }

    /// <summary>Stops the profiler and writes its .cpuprofile (open it in Chromium's DevTools, Performance panel).</summary>
    public static async Task StopProfileAsync(ICDPSession session, string path)
    {
        var result = await session.SendAsync("Profiler.stop");
        await File.WriteAllTextAsync(path, result!.Value.GetProperty("profile").GetRawText());
        await session.DetachAsync();
    }

    /// <summary>Frames/s, renders (tick + the drawing it caused), ticks, frame draws and long tasks (count, mean, p95, max in ms).</summary>
    public static async Task<JsonObject> ReadAsync(IPage page)
    {
        var stats = JsonNode.Parse((await page.EvaluateAsync<JsonElement>("() => globalThis.renderMeter.stats()")).GetRawText())!.AsObject();
        stats.Remove("$id");
        foreach (var (_, value) in stats) (value as JsonObject)?.Remove("$id");
        return stats;
    }
}
