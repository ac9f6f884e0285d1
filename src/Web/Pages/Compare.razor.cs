using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>2–4 runs side by side: their diagnoses; overlaid depth profiles at one step, loss and global norm curves, and the spec fields that differ.</summary>
public partial class Compare : IDisposable
{
    private const int MaxRuns = 4;
    private const int Points = 1000;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    /// <summary>How often the page reloads while a compared run is still queued or training.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private List<RunDetail> _runs = [];
    private IReadOnlyList<Guid> _ids = [];
    private ITimer? _timer;
    private int _loaded;
    private readonly List<DepthProfile> _profiles = [];
    private IReadOnlyList<SpecDifference> _differences = [];
    private Comparison? _loss;
    private Comparison? _norms;
    private string? _error;
    private int _step;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [SupplyParameterFromQuery(Name = "ids")]
    public string? Ids { get; set; }

    private int CommonStep => _runs.Count == 0 ? 0 : _runs.Min(r => r.Summary.StepsDone);

    private LineChartOptions LossOptions => Options("loss (log₁₀ axis)", "step");

    private LineChartOptions NormOptions => Options("‖g‖ before clipping (log₁₀ axis)", "step");

    private LineChartOptions ProfileOptions => Options("‖∂L/∂W_l‖ (log₁₀ axis)", "layer (1 = input side)", points: true);

    protected override async Task OnParametersSetAsync()
    {
        var ids = (Ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().Take(MaxRuns).ToList();
        if (ids.Count < 2)
        {
            _error = "Pick 2 to 4 runs on the Runs page to compare them.";
            return;
        }
        _ids = ids;
        await LoadAsync();
        // A try-it child starts queued: while any run trains, its diagnosis and curves are reloaded now and then.
        _timer?.Dispose();
        _timer = Clock.CreateTimer(_ => _ = InvokeAsync(ReloadAsync), null, RefreshInterval, RefreshInterval);
    }

    private async Task ReloadAsync()
    {
        if (_error is not null || _runs.All(r => r.Summary.Status.IsFinal())) return;
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            List<RunDetail> runs = [];
            foreach (var id in _ids) runs.Add(await Api.GetRunAsync(id));
            _runs = runs;
            _loss = await Api.CompareAsync(_ids, StepMetrics.Table[StepMetric.Loss].Name, null, Points);
            _norms = await Api.CompareAsync(_ids, StepMetrics.Table[StepMetric.GradNormBefore].Name, null, Points);
            _differences = _loss.Differences;
            if (_step < 1 || _step > CommonStep) _step = CommonStep;
            await LoadProfilesAsync();
            _loaded++;
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task LoadProfilesAsync()
    {
        _profiles.Clear();
        if (_step < 1) return;
        foreach (var run in _runs) _profiles.Add(await Api.DepthProfileAsync(run.Summary.Id, _step, LayerMetrics.Table[LayerMetric.WeightGradNorm].Name));
    }

    private async Task OnStepChanged(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value?.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var step)) return;
        _step = step;
        await LoadProfilesAsync();
    }

    private LinePayload? ShapeProfiles() => _profiles.Count == 0 ? null :
        LinePayload.Of([.. _profiles.Select(p => (p.Layers.Select(l => (double)l.Layer).ToArray(), p.Layers.Select(l => l.Values[0] ?? double.NaN).ToArray()))]);

    private static LinePayload? Shape(Comparison? comparison) => comparison is null ? null :
        LinePayload.Of([.. comparison.Runs.Select(r => (r.Points.Select(p => (double)p.Step).ToArray(), r.Points.Select(p => p.Value).ToArray()))]);

    private LineChartOptions Options(string y, string x, bool points = false) =>
        new(x, y, YLog: true, [.. _runs.Select((r, i) => new LineSeries(r.Summary.Name ?? r.Summary.Id.ToString()[..8], Colours[i], Points: points))], Height: 280);
}
