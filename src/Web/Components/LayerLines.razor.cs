using System.Globalization;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>Chosen layers' values of one field over the steps, from the browser's layer grid.</summary>
public partial class LayerLines : ILiveView
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    private LineChart? _chart;
    private int[] _layers = [];
    private int _rebuild;
    private LineChartOptions Options { get; set; } = new("step", "value", true, []);

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    /// <summary>A pretraining run's phase boundaries (<see cref="PhaseMarks"/>); none otherwise.</summary>
    [Parameter]
    public IReadOnlyList<ChartMark> PhaseMarks { get; set; } = [];

    /// <summary>Each layer's name (the model's PyTorch prefix, input side first), shown in the legend.</summary>
    [Parameter]
    public IReadOnlyList<string> LayerNames { get; set; } = [];

    public string Field { get; private set; } = ChartedMetrics.All[0].Name;

    private string LayersText => string.Join(", ", _layers);

    private object Key => (Data.Grid?.Version ?? -1, Field, LayersText);

    protected override void OnParametersSet()
    {
        if (_layers.Length > 0 || Data.Grid is not { } grid) return;
        // Input side, middle and read-out by default: the spread between them is the vanishing (or exploding) factor.
        _layers = [.. new[] { 1, (grid.Layers + 1) / 2, grid.Layers }.Distinct()];
        Options = BuildOptions();
        _rebuild++; // a run that was queued when the page opened learns its layers from the first frame
    }

    public async Task RefreshAsync()
    {
        if (_chart is not null) await _chart.RefreshAsync();
    }

    private LineChartOptions BuildOptions() =>
        new("step", ChartedMetrics.All[ChartedMetrics.IndexOf(Field)].Label + " (log₁₀ axis)", YLog: true,
            [.. _layers.Select((l, i) => new LineSeries(LayerLabel.Of(l, LayerNames), Palette[i % Palette.Length]))]);

    private LinePayload? Shape()
    {
        if (Data.Grid is not { } grid) return null;
        var field = ChartedMetrics.IndexOf(Field);
        var columns = grid.Columns;
        var steps = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            var (first, last) = grid.StepsOf(c);
            steps[c] = grid.Width == 1 ? first : Math.Min(last, Math.Max(first, Data.LastStep));
        }
        var series = new List<(double[] X, double[] Y)>(_layers.Length);
        foreach (var layer in _layers)
        {
            // Plain loops: this runs on every render tick under the WebAssembly interpreter, where LINQ costs several times more.
            var values = new double[columns];
            for (var c = 0; c < columns; c++) values[c] = grid.Value(field, c, layer);
            series.Add((steps, values));
        }
        return LinePayload.Of(series, PhaseMarks);
    }

    private async Task OnFieldChanged(ChangeEventArgs e)
    {
        Field = e.Value?.ToString() ?? Field;
        await RebuildAsync();
    }

    private async Task OnLayersChanged(ChangeEventArgs e)
    {
        var max = Data.Grid?.Layers ?? 1;
        _layers = [.. (e.Value?.ToString() ?? "").Split(',', ' ', ';')
            .Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0)
            .Where(l => l >= 1 && l <= max).Distinct().Take(Palette.Length)];
        await RebuildAsync();
    }

    // uPlot fixes its series when created: a new set of lines is a new chart.
    private async Task RebuildAsync()
    {
        Options = BuildOptions();
        _rebuild++;
        StateHasChanged();
        await Task.Yield();
        await RefreshAsync();
    }
}
