using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>A pretraining run's per-layer reconstruction error over its pretraining steps, one line per hidden layer, from the layer grid.</summary>
public partial class PretrainingChart : ILiveView
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly int Field = ChartedMetrics.IndexOf(LayerMetrics.Table[LayerMetric.ReconstructionError].Name);

    private LineChart? _chart;
    private LineChartOptions? _options;

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter, EditorRequired]
    public required RunSpec Spec { get; set; }

    private int Depth => PretrainingSpec.DepthOf(Spec.Model);

    private int PretrainingSteps => Spec.Pretraining.Steps(Depth);

    private string KindText => Spec.Pretraining.Kind == PretrainingKind.Rbm ? "an RBM (CD-" + Spec.Pretraining.CdSteps + ")" : "an autoencoder";

    private LineChartOptions Options => _options ??= new("step", LayerMetrics.Table[LayerMetric.ReconstructionError].Label + " (log₁₀ axis)", YLog: true,
        [.. Enumerable.Range(1, Depth).Select(l => new LineSeries($"layer {l}", Palette[(l - 1) % Palette.Length]))]);

    private object Key => (Data.Grid?.Version ?? -1, Data.LastStep);

    public async Task RefreshAsync()
    {
        if (_chart is not null) await _chart.RefreshAsync();
    }

    /// <summary>Per hidden layer, its columns within its own pretraining phase (NaN elsewhere: the metric is absent there).</summary>
    private LinePayload? Shape()
    {
        if (Data.Grid is not { } grid) return null;
        var columns = Math.Min(grid.Columns, grid.ColumnOf(PretrainingSteps) + 1);
        var steps = new double[columns];
        for (var c = 0; c < columns; c++) steps[c] = grid.StepsOf(c).First;
        var series = new List<(double[] X, double[] Y)>(Depth);
        for (var layer = 1; layer <= Depth; layer++)
        {
            var values = new double[columns];
            for (var c = 0; c < columns; c++) values[c] = grid.Value(Field, c, layer);
            series.Add((steps, values));
        }
        return LinePayload.Of(series, PhaseMarks.Of(Spec));
    }
}
