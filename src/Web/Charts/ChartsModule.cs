using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GradientService.Web.Charts;

/// <summary>The one JS module (<c>wwwroot/js/charts.js</c>), imported once per app; every chart is created and updated through it.</summary>
public sealed class ChartsModule(IJSRuntime js) : IAsyncDisposable
{
    public const string Path = "./js/charts.js";

    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", Path).AsTask();

    /// <summary>Imports the module ahead of the first chart (the app shell does, while it idles).</summary>
    public Task PreloadAsync() => Module;

    public async Task<IJSObjectReference> InitLinesAsync(ElementReference element, LineChartOptions options, object? clicks) =>
        await (await Module).InvokeAsync<IJSObjectReference>("initLines", element, options, clicks);

    public async Task UpdateLinesAsync(IJSObjectReference chart, LinePayload payload) =>
        await (await Module).InvokeVoidAsync("updateLines", chart, payload.Bytes, payload.Meta);

    public async Task<IJSObjectReference> InitHeatmapAsync(ElementReference element, HeatmapOptions options, object? clicks) =>
        await (await Module).InvokeAsync<IJSObjectReference>("initHeatmap", element, options, clicks);

    public async Task UpdateHeatmapAsync(IJSObjectReference chart, HeatmapPayload payload) =>
        await (await Module).InvokeVoidAsync("updateHeatmap", chart, payload.Indices, payload.Meta);

    public async Task UpdateHeatmapColumnsAsync(IJSObjectReference chart, HeatmapColumns columns) =>
        await (await Module).InvokeVoidAsync("updateHeatmapColumns", chart, columns.Values, columns.Meta);

    /// <summary>Completes once the charts updated so far have drawn and the browser has painted them.</summary>
    public async Task NextFrameAsync() => await (await Module).InvokeVoidAsync("nextFrame");

    public async Task DestroyAsync(IJSObjectReference chart)
    {
        try
        {
            await (await Module).InvokeVoidAsync("destroy", chart);
            await chart.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is going away with its charts.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await (await _module).DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Nothing left to release.
        }
    }
}
