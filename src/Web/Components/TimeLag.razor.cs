using System.Globalization;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>Recurrent runs: the time-lag profile with the γ·σ_max bound line, and its lag × step heatmap.</summary>
public partial class TimeLag : ILiveView
{
    private static readonly LineChartOptions ProfileOptions = new("lag k = T − t (time steps back)", "‖∂L/∂h_t‖ (log₁₀ axis)", YLog: true,
        [new("measured ‖∂L/∂h_t‖", "#1f77b4", Points: true), new("bound ‖∂L/∂h_T‖·(γσ_max)^k", "#d62728", Dash: true)]);

    private static readonly HeatmapOptions MapOptions = new("step", "lag k", "lag", Height: 240);

    private LineChart? _profile;
    private HeatmapChart? _map;

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter]
    public int SelectedStep { get; set; }

    private TimeLagProfile? Profile => SelectedStep > 0 ? Data.TimeLag.At(SelectedStep) : Data.TimeLag.Latest;

    private object Key => (Data.TimeLag.Latest?.Step ?? 0, Data.TimeLag.Profiles.Count, SelectedStep);

    public async Task RefreshAsync()
    {
        if (_profile is not null) await _profile.RefreshAsync();
        if (_map is not null) await _map.RefreshAsync();
    }

    private LinePayload? ShapeProfile()
    {
        if (Profile is not { } p || p.Norms.Count == 0) return null;
        var length = p.Norms.Count;
        var lags = Enumerable.Range(0, length).Select(k => (double)k).ToArray();
        var measured = lags.Select(k => p.Norms[length - 1 - (int)k]).ToArray();
        // The bound is the engine's (RecurrentBound), indexed by t like the norms; none is drawn where it was not sent.
        if (p.Bound is not { Count: > 0 } b || b.Count != length) return LinePayload.Of([(lags, measured), ([], [])]);
        var bound = lags.Select(k => b[length - 1 - (int)k]).ToArray();
        return LinePayload.Of([(lags, measured), (lags, bound)]);
    }

    private HeatmapPayload ShapeMap() =>
        LagHeatmap.Shape(Data.TimeLag.Profiles, SelectedStep > 0 ? [new ChartMark(SelectedStep, "cursor")] : []);

    private static string Gate(TimeLagProfile p) =>
        double.IsNaN(p.ForgetGateMean) ? "" : $"; LSTM forget gate mean {p.ForgetGateMean.ToString("R", CultureInfo.InvariantCulture)}";
}
