using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GradientService.Web.Components;

/// <summary>
/// Layer × step heatmap of one per-layer field, coloured by decade, with the selected step and divergence marked: the
/// run's grid, or a zoomed range (<see cref="Zoomed"/>, fetched by the page when <see cref="ZoomChanged"/> asks).
/// </summary>
public partial class LayerHeatmap
{
    private GridHeatmap _shaper = new();

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter]
    public int SelectedStep { get; set; }

    /// <summary>Each layer's name (the model's PyTorch prefix, input side first), shown in the tooltip.</summary>
    [Parameter]
    public IReadOnlyList<string> LayerNames { get; set; } = [];

    [Parameter]
    public string Field { get; set; } = ChartedMetrics.All[0].Name;

    [Parameter]
    public EventCallback<string> FieldChanged { get; set; }

    /// <summary>The stored steps of a zoomed range at full resolution (the field shown); null: the whole run, from the grid.</summary>
    [Parameter]
    public Heatmap? Zoomed { get; set; }

    /// <summary>A drag across steps asks for that range (first, last); a double click for the whole run again (null).</summary>
    [Parameter]
    public EventCallback<(int First, int Last)?> ZoomChanged { get; set; }

    private int FieldIndex => ChartedMetrics.IndexOf(Field);

    protected override Task<IJSObjectReference> CreateAsync(ElementReference host, object? clicks) =>
        Charts.InitHeatmapAsync(host, new HeatmapOptions("step", "layer (1 = input side)", "layer", RowLabels: LayerNames, Zoom: true), clicks);

    protected override object DataKey() => (Data.Grid?.Version ?? -1, Data.LastStep, Field, SelectedStep, Data.DivergedStep, Data.Episodes.Version, Zoomed);

    protected override async Task DrawAsync(IJSObjectReference chart)
    {
        if (Data.Grid is not { } grid) return;
        List<ChartMark> marks = [];
        EpisodeMarks.AddTo(marks, Data.Episodes);
        if (SelectedStep > 0) marks.Add(new ChartMark(SelectedStep, "cursor"));
        if (Data.DivergedStep is { } diverged) marks.Add(new ChartMark(diverged, "diverged", "diverged"));
        if (Zoomed is { } zoomed)
        {
            var payload = StoredHeatmap.Shape(zoomed, ChartedMetrics.All[FieldIndex].Label, marks);
            ShownCells = payload.Values;
            _shaper = new GridHeatmap(); // back from the zoom, the grid is drawn afresh
            await Charts.UpdateHeatmapAsync(chart, payload);
            return;
        }
        await Charts.UpdateHeatmapColumnsAsync(chart, _shaper.Next(grid, FieldIndex, Data.LastStep, marks));
    }

    protected override double CellAt(int cell) =>
        Zoomed is not null ? base.CellAt(cell) : Data.Grid is { } grid ? GridHeatmap.CellValue(grid, FieldIndex, cell) : double.NaN;

    /// <summary>From charts.js: a drag across steps <paramref name="first"/> … <paramref name="last"/>; (0, 0) is a double click.</summary>
    [JSInvokable]
    public Task OnChartZoom(double first, double last)
    {
        var range = ((int)Math.Ceiling(Math.Max(1, first)), (int)Math.Floor(Math.Min(last, Data.LastStep)));
        return ZoomChanged.InvokeAsync(last <= 0 || range.Item2 < range.Item1 ? null : range);
    }

    private async Task OnFieldChanged(ChangeEventArgs e)
    {
        Field = e.Value?.ToString() ?? ChartedMetrics.All[0].Name;
        await FieldChanged.InvokeAsync(Field);
        await RefreshAsync();
    }
}
