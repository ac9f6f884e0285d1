using GradientService.Web.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GradientService.Web.Components;

/// <summary>A heatmap whose cells <see cref="Shape"/> builds when <see cref="Key"/> changes.</summary>
public partial class HeatmapChart
{
    [Parameter, EditorRequired]
    public required HeatmapOptions Options { get; set; }

    [Parameter, EditorRequired]
    public required Func<HeatmapPayload?> Shape { get; set; }

    [Parameter, EditorRequired]
    public required object Key { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    protected override Task<IJSObjectReference> CreateAsync(ElementReference host, object? clicks) => Charts.InitHeatmapAsync(host, Options, clicks);

    protected override object DataKey() => Key;

    protected override async Task DrawAsync(IJSObjectReference chart)
    {
        if (Shape() is not { } payload) return;
        ShownCells = payload.Values;
        await Charts.UpdateHeatmapAsync(chart, payload);
    }
}
