using GradientService.Web.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GradientService.Web.Components;

/// <summary>A line chart whose data <see cref="Shape"/> builds when <see cref="Key"/> changes.</summary>
public partial class LineChart
{
    [Parameter, EditorRequired]
    public required LineChartOptions Options { get; set; }

    [Parameter, EditorRequired]
    public required Func<LinePayload?> Shape { get; set; }

    [Parameter, EditorRequired]
    public required object Key { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    protected override Task<IJSObjectReference> CreateAsync(ElementReference host, object? clicks) => Charts.InitLinesAsync(host, Options, clicks);

    protected override object DataKey() => Key;

    protected override async Task DrawAsync(IJSObjectReference chart)
    {
        if (Shape() is { } payload) await Charts.UpdateLinesAsync(chart, payload);
    }
}
