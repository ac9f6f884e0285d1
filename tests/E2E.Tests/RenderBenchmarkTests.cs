using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GradientService.Core.Contracts;
using GradientService.E2E.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GradientService.E2E.Tests;

/// <summary>
/// A measured scenario, not a timed test: a 100-layer run streams into the run page while charts.js records how long
/// each render tick (C# shaping + every chart update) and each chart draw took, and the frames per second. The figures
/// are written to render-benchmark.json and the test log; the assertions only check that everything arrived and drew.
/// GS_BENCH_STEPS sets the run's length (default 3,000; scripts/render-bench.sh uses 10,000).
/// </summary>
public sealed class RenderBenchmarkTests(ITestOutputHelper output) : BrowserTest
{
    [Fact]
    public async Task HundredLayerRun_StreamsIntoRunPage_EveryStepArrivesAndChartsDraw()
    {
        var steps = int.TryParse(Environment.GetEnvironmentVariable("GS_BENCH_STEPS"), CultureInfo.InvariantCulture, out var s) ? s : 3000;
        var id = await SubmitAsync(steps);
        var page = await Browser.Context.NewPageAsync();
        var errors = new PageErrors(page);
        await page.GotoAsync(new Uri(App.BaseAddress, $"runs/{id}").ToString());
        // On a quiet machine a short run can finish before the page subscribes: then there is no live step to wait for.
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=link-state]')?.dataset.firstLive ?? 0) > 0"
            + " || document.querySelector('[data-testid=status]')?.textContent?.trim() === 'completed'", null, new() { Timeout = 120_000 });
        await page.EvaluateAsync("() => globalThis.gradientCharts.resetStats()");
        var run = new RunPage(page);
        await run.WaitForStatusAsync("completed");
        var stats = await page.EvaluateAsync<JsonElement>("() => globalThis.gradientCharts.stats()");

        var report = JsonSerializer.Serialize(new { layers = 100, steps, firstLive = await run.AttributeAsync("data-first-live"), stats },
            new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "render-benchmark.json"), report);
        await Screenshots.SaveAsync(page, "run-100-layers");

        await Microsoft.Playwright.Assertions.Expect(run.StepCounter).ToHaveTextAsync(steps.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, await run.AttributeAsync("data-missing"));
        await Canvas.WaitForDrawnAsync(page, "[data-testid=heatmap]", 5000);
        Assert.Empty(errors.All);
    }

    private async Task<Guid> SubmitAsync(int steps)
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        var spec = new
        {
            name = "100-layer ReLU, He init",
            model = new { architecture = "mlp", depth = 99, width = 16, activation = "relu" },
            init = new { scheme = "he-normal" },
            data = new { kind = "moons", samples = 1000 },
            optimizer = new { kind = "sgd", learningRate = 0.01 },
            training = new { batchSize = 16, steps, evalEvery = 0 },
        };
        using var response = await http.PostAsJsonAsync("api/runs", spec);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunCreated>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.Id; // a 202 carries the run
    }
}
