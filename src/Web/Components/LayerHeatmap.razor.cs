using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GradientService.Web.Components;

/// <summary>Layer × step heatmap of one per-layer field, coloured by decade, with the selected step and divergence marked.</summary>
public partial class LayerHeatmap
{
    private readonly GridHeatmap _shaper = new();

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

    private int FieldIndex => ChartedMetrics.IndexOf(Field);

    protected override Task<IJSObjectReference> CreateAsync(ElementReference host, object? clicks) =>
        Charts.InitHeatmapAsync(host, new HeatmapOptions("step", "layer (1 = input side)", "layer", RowLabels: LayerNames), clicks);

    protected override object DataKey() => (Data.Grid?.Version ?? -1, Data.LastStep, Field, SelectedStep, Data.DivergedStep, Data.Episodes.Version);

    protected override async Task DrawAsync(IJSObjectReference chart)
    {
        if (Data.Grid is not { } grid) return;
        List<ChartMark> marks = [];
        EpisodeMarks.AddTo(marks, Data.Episodes);
        if (SelectedStep > 0) marks.Add(new ChartMark(SelectedStep, "cursor"));
        if (Data.DivergedStep is { } diverged) marks.Add(new ChartMark(diverged, "diverged", "diverged"));
        await Charts.UpdateHeatmapColumnsAsync(chart, _shaper.Next(grid, FieldIndex, Data.LastStep, marks));
    }

    protected override double CellAt(int cell) => Data.Grid is { } grid ? GridHeatmap.CellValue(grid, FieldIndex, cell) : double.NaN;

    private async Task OnFieldChanged(ChangeEventArgs e)
    {
        Field = e.Value?.ToString() ?? ChartedMetrics.All[0].Name;
        await FieldChanged.InvokeAsync(Field);
        await RefreshAsync();
    }
}
