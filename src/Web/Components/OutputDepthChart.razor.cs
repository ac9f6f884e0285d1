using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>A hierarchical-softmax run: one line per tree depth of the read-out's ‖∂L/∂W‖ over the steps, and the newest values.</summary>
public partial class OutputDepthChart : ILiveView
{
    /// <summary>Root to leaves, light to dark (a sequential scale reads as depth).</summary>
    private static readonly string[] Palette = ["#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#fd8d3c", "#e6550d", "#a63603", "#7f2704", "#54278f", "#3f007d"];

    private LineChart? _chart;
    private int _rebuild;
    private int _depths;

    private LineChartOptions Options { get; set; } = Build(0);

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    private object Key => (Data.Version, Data.OutputDepths.Depths.Count);

    /// <summary>Line labels, root first: "depth 1", "depth 2", ….</summary>
    public static string Label(int depth) => $"depth {depth}";

    protected override void OnParametersSet() => Fit();

    public async Task RefreshAsync()
    {
        // uPlot fixes its series when created: a run whose depths arrive after the page opened gets a new chart.
        if (Fit())
        {
            StateHasChanged();
            await Task.Yield();
        }
        if (_chart is not null) await _chart.RefreshAsync();
    }

    private bool Fit()
    {
        var depths = Data.OutputDepths.Depths.Count;
        if (depths == _depths) return false;
        _depths = depths;
        Options = Build(depths);
        _rebuild++;
        return true;
    }

    private static LineChartOptions Build(int depths) =>
        new("step", "‖∂L/∂W‖ of the depth's rows (log₁₀ axis)", YLog: true,
            [.. Enumerable.Range(1, depths).Select(d => new LineSeries(Label(d), Palette[(d - 1) % Palette.Length]))]);

    private LinePayload? Shape() =>
        Data.OutputDepths.Depths.Count == 0 ? null : LinePayload.Of([.. Data.OutputDepths.Depths.Select(b => b.Snapshot())]);
}
