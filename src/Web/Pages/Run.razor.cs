using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Web.Charts;
using GradientService.Web.Components;
using GradientService.Web.Live;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>
/// One run, live while it trains: subscribes through the hub with the last step held, applies batches as they arrive,
/// and redraws on a fixed render tick (bursts coalesce). After a reconnect it refills the heatmap over HTTP for the
/// steps the hub's backfill thinned; when the run ends it reloads its final figures.
/// </summary>
public partial class Run : IRunObserver, IAsyncDisposable
{
    /// <summary>Fixed render interval: at most 10 redraws a second, however fast batches arrive.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Thinned layer frames are filled from the store at most this often (one heatmap query each time).</summary>
    public static readonly TimeSpan RefillInterval = TimeSpan.FromSeconds(1);

    private RunDetail? _detail;
    private (int From, int To)? _thinned;
    private DateTimeOffset _lastRefill;
    private RunData? _data;
    private string? _error;
    private string? _cancelProblem;
    private bool _confirmDelete;
    private LinkState _link = LinkState.Connecting;
    private IAsyncDisposable? _subscription;
    private ITimer? _ticker;
    private long _drawnVersion = -1;
    private bool _dirty;
    private int _selectedStep;
    private string _heatmapField = ChartedMetrics.All[0].Name;
    private int _heldWhenDropped;
    private bool _opened;
    private bool _disposed;
    private bool _historyShown;
    private Heatmap? _zoomed;
    private Guid _loaded;
    private LayerHeatmap? _heatmap;
    private DepthProfileChart? _depth;
    private LayerLines? _lines;
    private TrainingChart? _training;
    private TimeLag? _timeLag;
    private SearchChart? _search;
    private OutputDepthChart? _outputDepths;
    private PretrainingChart? _pretraining;
    private IReadOnlyList<ChartMark> _phaseMarks = [];
    private TheoryReport? _theory;
    private DiagnosisRefresh? _diagnosis;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required IRunStream Stream { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public Guid Id { get; set; }

    /// <summary>The page rendered out of sight on the made-up run of <see cref="FirstLookRehearsal"/>: it sets no title.</summary>
    [Parameter]
    public bool Rehearsal { get; set; }

    /// <summary>Raised once the run has opened: its first look drawn, its theory asked for and its live subscription answered.</summary>
    [Parameter]
    public EventCallback Opened { get; set; }

    private string LinkText => _link switch
    {
        LinkState.Live when _data?.Status.IsFinal() == true => "final",
        LinkState.Live => Stream.Reconnects > 0 ? $"live · reconnected {Stream.Reconnects}×" : "live",
        LinkState.Reconnecting => "reconnecting…",
        LinkState.Offline => "offline, retrying",
        _ => "connecting…",
    };

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == Id) return;
        _loaded = Id;
        _opened = false;
        _historyShown = false;
        await StopAsync();
        try
        {
            _detail = await Api.GetRunAsync(Id);
        }
        catch (ApiException e)
        {
            _error = e.Problem.Status == 404 ? $"No run has the id {Id}." : e.Message;
            return;
        }
        if (OperatingSystem.IsBrowser()) _ = GridScript.LoadAsync(); // the grid's column merge in JS (a 100-layer grid's takes ~250 ms in .NET)
        _data = new RunData(Id) { Status = _detail.Summary.Status, TotalSteps = _detail.Summary.TotalSteps, Reason = _detail.Reason };
        _data.EnsureGrid(_detail.Layers.Count);
        _phaseMarks = PhaseMarks.Of(_detail.Spec);
        _diagnosis = new DiagnosisRefresh(Clock);
        // Stored through this step when the detail was read: the history up to it comes over HTTP (asked for before the
        // page first renders), the hub sends what follows.
        var history = _detail.Summary.StepsDone > 0 ? LoadHistoryAsync(_data, _detail.Summary.StepsDone) : Task.CompletedTask;
        StateHasChanged(); // the page and its charts appear now; history and live data fill them
        var data = _data;
        await history; // drawn once, when it is all in (a tick meanwhile would draw and lay out a half-loaded page)
        if (_data != data || _disposed) return; // the page moved to another run or went away meanwhile
        _historyShown = true;
        StateHasChanged();
        _ticker = Clock.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, RenderInterval, RenderInterval);
        // Asked for once the first look is drawn: on a fresh server its first computation took the CPU the history's reads needed.
        var theory = _detail.Spec.Model is FeedForwardSpec ? LoadTheoryAsync() : Task.FromResult<TheoryReport?>(null);
        _diagnosis.Asked(_data);
        _heldWhenDropped = _data.LastStep;
        // Live steps shaped to what the page draws: one digest per render tick, layer probes at the grid's resolution.
        var subscription = await Stream.SubscribeAsync(Id, _data.LastStep, this, new LiveView((int)Math.Round(1 / RenderInterval.TotalSeconds), _data.GridColumns));
        if (_disposed || _data != data)
        {
            await subscription.DisposeAsync(); // the page went away or moved to another run while the hub answered
            return;
        }
        _subscription = subscription;
        var predicted = await theory;
        if (_data != data) return;
        _theory = predicted;
        _dirty = true;
        await TickAsync(); // the theory's line now (the depth profile asks for its anchor) rather than on the next tick
        await Opened.InvokeAsync();
    }

    public void OnBatch(StepBatch batch)
    {
        if (_data is null) return;
        var held = _data.LastStep;
        _data.Apply(batch);
        // A burst too large for one message arrives with its layer frames thinned: the stored heatmap fills those steps.
        if (batch.LayersThinned && batch.LastStep > held)
            _thinned = (_thinned is { } t ? Math.Min(t.From, held + 1) : held + 1, batch.LastStep);
    }

    public void OnDigest(LiveDigest digest) => _data?.Apply(digest);

    public void OnStatus(RunStatusMessage status)
    {
        if (_data is null) return;
        var wasFinal = _data.Status.IsFinal();
        _data.Apply(status);
        // Final figures when it ends; the model's layers when a run that was queued starts.
        if ((status.Status.IsFinal() && !wasFinal) || (status.Status == RunStatus.Running && _detail?.Layers.Count == 0))
            _ = InvokeAsync(ReloadDetailAsync);
    }

    public void OnSubscribed(SubscribeResult result, bool resumed)
    {
        if (!result.Found)
        {
            _error = $"The run {Id} no longer exists.";
            _dirty = true;
            return;
        }
        if (!_opened) _ = InvokeAsync(LoadDepthFieldsAsync);
        _opened = true; // the stored history is in and the hub has sent what followed it
        _dirty = true;
        // The hub's backfill may thin layer frames: the stored heatmap fills the steps it covered.
        var from = _heldWhenDropped + 1;
        if (result.BackfilledThrough >= from) _ = InvokeAsync(() => FillHeatmapAsync(_heatmapField, from, result.BackfilledThrough));
    }

    public void OnLinkChanged(LinkState state)
    {
        if (state == LinkState.Reconnecting && _link != LinkState.Reconnecting) _heldWhenDropped = _data?.LastStep ?? 0;
        _link = state;
        _dirty = true;
    }

    /// <summary>One render tick: redraw the page and its charts if anything changed since the last tick.</summary>
    internal async Task TickAsync()
    {
        if (_data is null) return;
        if (_thinned is { } gap && Clock.GetUtcNow() - _lastRefill >= RefillInterval)
        {
            _thinned = null;
            _lastRefill = Clock.GetUtcNow();
            await FillHeatmapAsync(_heatmapField, gap.From, gap.To);
            return; // the fill ends with a tick of its own
        }
        if (_diagnosis?.Due(_data, _detail?.Diagnosis) == true)
        {
            _diagnosis.Asked(_data);
            _ = InvokeAsync(ReloadDetailAsync);
        }
        if (_data.Version == _drawnVersion && !_dirty) return;
        _drawnVersion = _data.Version;
        _dirty = false;
        StateHasChanged();
        // Every chart's update leaves for charts.js before any is awaited, so one animation frame draws them all (awaited
        // one by one, a frame could come between two updates and draw the first look's charts a frame or more apart).
        await Task.WhenAll(Views().Select(view => view.RefreshAsync()));
    }

    /// <summary>A gradient-free run's probe interval (0 for backprop or a search that never probes): its gradient charts are probes.</summary>
    /// <summary>The layers' names for the charts' labels (empty until the model is built).</summary>
    private IReadOnlyList<string> LayerNames => _detail is { } detail
        ? (_layerNames is { } names && names.Count == detail.Layers.Count ? names : _layerNames = [.. detail.Layers.Select(l => l.Name)])
        : [];

    private IReadOnlyList<string>? _layerNames;

    private int ProbeEvery => _detail is { Spec.Training.Method: not TrainingMethod.Backprop } detail ? detail.Spec.Search.ProbeEvery : 0;

    private IEnumerable<ILiveView> Views()
    {
        if (_heatmap is not null) yield return _heatmap;
        if (_depth is not null) yield return _depth;
        if (_lines is not null) yield return _lines;
        if (_training is not null) yield return _training;
        if (_timeLag is not null) yield return _timeLag;
        if (_search is not null) yield return _search;
        if (_outputDepths is not null) yield return _outputDepths;
        if (_pretraining is not null) yield return _pretraining;
    }

    private Task SelectStepAt(double step) => SelectStep((int)Math.Round(step));

    private async Task SelectStep(int step)
    {
        _selectedStep = Math.Clamp(step, 1, Math.Max(1, _data?.LastStep ?? 1));
        _dirty = true;
        await TickAsync();
    }

    private async Task OnHeatmapFieldChanged(string field)
    {
        _heatmapField = field;
        _zoomed = null;
        if (_data is not null && _data.LastStep > 0) await FillHeatmapAsync(field, 1, _data.LastStep);
    }

    /// <summary>Fetches the stored heatmap of one field over a step range at the grid's resolution and merges it (exact maxima).</summary>
    private async Task FillHeatmapAsync(string field, int from, int to)
    {
        if (await StoredHeatmapAsync(field, from, to) is not { } heatmap) return;
        _data?.Merge(heatmap);
        await TickAsync();
    }

    /// <summary>
    /// The stored heatmap of one field over a step range, in columns as wide as the grid's (so each stored column lands in
    /// one of ours): at most <see cref="LayerGrid.Capacity"/> columns, about a screen's width. Null when the run is gone.
    /// </summary>
    private async Task<Heatmap?> StoredHeatmapAsync(string field, int from, int to)
    {
        if (_data?.Grid is not { } grid || to < from) return null;
        grid.Reserve(to);
        var columns = Math.Clamp((to - from) / grid.Width + 1, 1, grid.Capacity);
        try
        {
            return await Api.HeatmapAsync(Id, field, from, to, columns);
        }
        catch (ApiException)
        {
            return null; // the run was deleted meanwhile; the live data stands
        }
    }

    /// <summary>
    /// A zoom into steps first … last: the stored heatmap of that range refined to full resolution (a column per step, up to
    /// the grid's width); null goes back to the whole run.
    /// </summary>
    private async Task OnHeatmapZoomAsync((int First, int Last)? range)
    {
        _zoomed = null;
        if (range is { } r && _data?.Grid is { } grid)
        {
            try
            {
                _zoomed = await Api.HeatmapAsync(Id, _heatmapField, r.First, r.Last, Math.Min(r.Last - r.First + 1, grid.Capacity));
            }
            catch (ApiException)
            {
                // The run was deleted meanwhile: the whole run stays shown.
            }
        }
        _dirty = true;
        await TickAsync();
    }

    /// <summary>The run's detail again: its final figures, its built layers, its newest diagnosis.</summary>
    private async Task ReloadDetailAsync()
    {
        if (_data is not null) _diagnosis?.Asked(_data);
        try
        {
            _detail = await Api.GetRunAsync(Id);
            _data?.EnsureGrid(_detail.Layers.Count);
        }
        catch (ApiException)
        {
            return;
        }
        _dirty = true;
        await TickAsync();
    }

    private async Task CancelAsync()
    {
        _cancelProblem = (await Api.CancelAsync(Id))?.Summary;
    }

    private async Task DeleteAsync()
    {
        _confirmDelete = false;
        if (await Api.DeleteAsync(Id) is { } problem)
        {
            _cancelProblem = problem.Summary;
            return;
        }
        Navigation.NavigateTo("");
    }

    private async Task StopAsync()
    {
        _ticker?.Dispose();
        _ticker = null;
        if (_subscription is not null) await _subscription.DisposeAsync();
        _subscription = null;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await StopAsync();
        GC.SuppressFinalize(this);
    }
}
