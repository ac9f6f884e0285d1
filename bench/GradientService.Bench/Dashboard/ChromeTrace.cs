using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// Chromium's performance trace of a page (`render --first-look --trace file.json`): the main thread's tasks, layouts,
/// paints, script and GC with their durations, which a CPU profile lumps together as "(program)". Open the file in
/// DevTools' Performance panel or chrome://tracing.
/// </summary>
public sealed class ChromeTrace
{
    private const string Categories = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,toplevel";

    private readonly ICDPSession _session;
    private readonly JsonArray _events = [];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromeTrace(ICDPSession session)
    {
        _session = session;
        _session.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            if (e is { } data)
                foreach (var item in data.GetProperty("value").EnumerateArray())
                    lock (_events) _events.Add(JsonNode.Parse(item.GetRawText()));
        };
        _session.Event("Tracing.tracingComplete").OnEvent += (_, _) => _complete.TrySetResult();
    }

    public static async Task<ChromeTrace> StartAsync(IPage page)
    {
        var trace = new ChromeTrace(await page.Context.NewCDPSessionAsync(page));
        await trace._session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object> { ["includedCategories"] = Categories.Split(',') },
        });
        return trace;
    }

    public async Task StopAsync(string path)
    {
        await _session.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await File.WriteAllTextAsync(path, new JsonObject { ["traceEvents"] = _events }.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        await _session.DetachAsync();
    }
}
