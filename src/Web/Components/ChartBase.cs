using GradientService.Web.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GradientService.Web.Components;

/// <summary>
/// A canvas chart drawn by charts.js: created once after the first render, redrawn by <see cref="RefreshAsync"/> only
/// when <see cref="DataKey"/> changed (the page calls it on its render tick; option changes call it too), destroyed on dispose.
/// </summary>
public abstract class ChartBase : ComponentBase, ILiveView, IAsyncDisposable
{
    private IJSObjectReference? _chart;
    private object? _drawnKey;
    private DotNetObjectReference<ChartBase>? _self;

    [Inject]
    public required ChartsModule Charts { get; init; }

    /// <summary>Called with the x value (step or layer) when the user clicks the plot.</summary>
    [Parameter]
    public EventCallback<double> Clicked { get; set; }

    protected ElementReference Host { get; set; }

    protected abstract Task<IJSObjectReference> CreateAsync(ElementReference host, object? clicks);

    /// <summary>Something that changes whenever the drawing would (a data version, a selection …).</summary>
    protected abstract object DataKey();

    protected abstract Task DrawAsync(IJSObjectReference chart);

    public async Task RefreshAsync()
    {
        if (_chart is null) return;
        var key = DataKey();
        if (Equals(key, _drawnKey)) return;
        _drawnKey = key;
        await DrawAsync(_chart);
    }

    [JSInvokable]
    public Task OnChartClick(double x) => Clicked.HasDelegate ? Clicked.InvokeAsync(x) : Task.CompletedTask;

    /// <summary>Exact value of a heatmap cell (row-major, top row first) for the tooltip, as round-trip text; "—" when empty.</summary>
    [JSInvokable]
    public string CellValue(int cell) =>
        CellAt(cell) is var value && !double.IsNaN(value) ? value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>The exact value of a heatmap cell, numbered as the chart's JS numbers it; NaN when empty.</summary>
    protected virtual double CellAt(int cell) =>
        ShownCells is { } cells && cell >= 0 && cell < cells.Length ? cells[cell] : double.NaN;

    /// <summary>The cells a heatmap shows now (set when it draws); null for line charts.</summary>
    protected double[]? ShownCells { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _chart = await CreateAsync(Host, _self);
        }
        await RefreshAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_chart is not null) await Charts.DestroyAsync(_chart);
        _chart = null;
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
