using System.Globalization;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ContractsProfile = GradientService.Contracts.Wire.DepthProfile;

namespace GradientService.Web.Components;

/// <summary>
/// Every layer's gradient norms at one step on a log axis, scrubbable and playable over the steps held in the browser;
/// the table below holds the exact stored values at that step, fetched from the Api.
/// </summary>
public partial class DepthProfileChart
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    /// <summary>The predicted lines' legend entries (each dashed, in its field's colour), in <see cref="PredictedProfile.Fields"/>' order.</summary>
    public static readonly IReadOnlyList<string> TheoryLabels =
    [
        "‖δ_l‖ expected at step 1, mean-field theory (Schoenholz et al. 2017)",
        "‖∂L/∂W_l‖ expected at step 1, mean-field theory over the batch",
    ];

    private static readonly double[] None = [];

    private ITimer? _player;
    private bool _playing;
    private ContractsProfile? _exact;
    private string? _exactError;
    private bool _tableOpen;
    private (double[] Layers, double[] Norms)[]? _predicted;
    private TheoryReport? _anchoredFor;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    /// <summary>The step chosen elsewhere (heatmap, events); 0 = none.</summary>
    [Parameter]
    public int SelectedStep { get; set; }

    [Parameter]
    public EventCallback<int> SelectedStepChanged { get; set; }

    /// <summary>The gradient metrics drawn (<see cref="ChartedMetrics.GradientsOf"/> the run's model), one curve each.</summary>
    [Parameter]
    public IReadOnlyList<string> Shown { get; set; } = ChartedMetrics.Gradients;

    /// <summary>Mean-field theory of the run (feedforward nets), for the predicted line at step 1; null: none.</summary>
    [Parameter]
    public TheoryReport? Theory { get; set; }

    /// <summary>The caveat that voids the theory's line for this net, if any.</summary>
    private TheoryCaveat? Voided => Theory is null ? null : PredictedProfile.VoidedBy(Theory);

    /// <summary>The predicted line is drawn (only at step 1, where the theory applies).</summary>
    private bool PredictedShown => _predicted is not null && ShownStep == 1;

    /// <summary>Show the newest step while the run trains.</summary>
    public bool Follow { get; private set; } = true;

    public int ShownStep => Follow || SelectedStep <= 0 ? Data.LastStep : Math.Min(SelectedStep, Data.LastStep);

    protected override Task<IJSObjectReference> CreateAsync(ElementReference host, object? clicks) =>
        Charts.InitLinesAsync(host, new LineChartOptions("layer (1 = input side)", "norm (log₁₀ axis)", YLog: true,
            [.. Shown.Select((f, i) => new LineSeries(ChartedMetrics.All[ChartedMetrics.IndexOf(f)].Label, Colours[i % Colours.Length], Points: true)),
                .. PredictedProfile.Fields.Select((f, i) => new LineSeries(TheoryLabels[i], Colours[IndexOf(Shown, Name(f))], Width: 2, Dash: true))]), clicks);

    private static string Name(LayerMetric field) => LayerMetrics.Table[field].Name;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return 0;
    }

    protected override object DataKey() => (ShownStep, Data.Grid?.ColumnOf(Math.Max(1, ShownStep)), Data.Grid?.Version ?? -1, PredictedShown);

    protected override async Task OnParametersSetAsync()
    {
        // The anchors ‖δ_D‖ and ‖∂L/∂W_D‖ at step 1 come exactly from the store, once, as soon as step 1 is recorded.
        if (Theory is null || ReferenceEquals(Theory, _anchoredFor) || Voided is not null || Data.LastStep < 1) return;
        _anchoredFor = Theory;
        try
        {
            var profile = await Api.DepthProfileAsync(Data.RunId, 1, string.Join(',', PredictedProfile.Fields.Select(Name)));
            var last = profile.Layers.FirstOrDefault(l => l.Layer == Theory.Depth);
            var lines = PredictedProfile.Fields.Select(f => profile.Fields.ToList().IndexOf(Name(f)) is var at and >= 0 && last?.Values[at] is { } anchor
                ? PredictedProfile.Of(Theory, f, anchor) : null).ToArray();
            _predicted = lines[0] is null ? null : [.. lines.Select(l => l ?? (None, None))]; // ‖δ‖'s line stands without ‖∂L/∂W‖'s
        }
        catch (ApiException)
        {
            // Step 1 is not stored (the store commits a step before the hub sends it): no anchor, no line, and no retry.
        }
    }

    protected override async Task DrawAsync(IJSObjectReference chart)
    {
        if (Data.Grid is not { } grid || ShownStep < 1) return;
        var column = grid.ColumnOf(ShownStep);
        var layers = Enumerable.Range(1, grid.Layers).Select(l => (double)l).ToArray();
        var series = Shown.Select(f =>
        {
            var latest = Data.LatestFrame;
            // The newest frame is exact; older steps come from their column (the largest value of its steps). A step whose
            // layers have not reached the grid yet (its column is not in use) draws nothing until they do.
            var values = latest is not null && latest.Step == ShownStep
                ? [.. ChartedMetrics.Read(latest, ChartedMetrics.IndexOf(f)).Select(v => v ?? double.NaN)]
                : column < grid.Columns ? grid.Column(ChartedMetrics.IndexOf(f), column).ToArray() : Empty(grid.Layers);
            return (layers, values);
        }).ToList();
        foreach (var i in Enumerable.Range(0, PredictedProfile.Fields.Count)) series.Add(PredictedShown && _predicted is { } p ? p[i] : (None, None));
        await Charts.UpdateLinesAsync(chart, LinePayload.Of(series));
        if (_tableOpen) await LoadExactAsync();
    }

    private static double[] Empty(int layers)
    {
        var values = new double[layers];
        Array.Fill(values, double.NaN);
        return values;
    }

    private async Task OnScrub(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var step)) await ShowStepAsync(step);
    }

    private async Task ShowStepAsync(int step)
    {
        Follow = false;
        await SelectedStepChanged.InvokeAsync(step);
        SelectedStep = step;
        await RefreshAsync();
    }

    private async Task OnFollowChanged(ChangeEventArgs e)
    {
        Follow = e.Value is true;
        await RefreshAsync();
    }

    private async Task OnTableToggled()
    {
        _tableOpen = !_tableOpen;
        if (_tableOpen) await LoadExactAsync();
    }

    private async Task LoadExactAsync()
    {
        if (ShownStep < 1 || _exact?.Step == ShownStep) return;
        try
        {
            _exact = await Api.DepthProfileAsync(Data.RunId, ShownStep, string.Join(',', ChartedMetrics.All.Select(f => f.Name)));
            _exactError = null;
        }
        catch (ApiException e)
        {
            _exactError = e.Message;
        }
        StateHasChanged();
    }

    private void TogglePlay()
    {
        _playing = !_playing;
        _player?.Dispose();
        _player = null;
        if (!_playing) return;
        Follow = false;
        if (SelectedStep <= 0 || SelectedStep >= Data.LastStep) SelectedStep = 1;
        // About 20 frames a second, a column (or a step) per frame, so a whole run plays in a few seconds.
        _player = Clock.CreateTimer(_ => _ = InvokeAsync(AdvanceAsync), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
    }

    private async Task AdvanceAsync()
    {
        if (!_playing) return;
        var stride = Math.Max(1, Data.Grid?.Width ?? 1);
        var next = SelectedStep + stride;
        if (next > Data.LastStep)
        {
            _playing = false;
            _player?.Dispose();
            next = Data.LastStep;
        }
        SelectedStep = next;
        await SelectedStepChanged.InvokeAsync(next);
        await RefreshAsync();
        StateHasChanged();
    }

    private static string Exact(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public override async ValueTask DisposeAsync()
    {
        _player?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
