using GradientService.Contracts.Wire;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>
/// One sweep: its progress, its matrix of outcomes and, for a σ_w² × σ_b² grid, the phase diagram. While cells are still
/// queued or running it reloads both every <see cref="RefreshInterval"/> (two small requests; a sweep's runs stream to
/// their own pages).
/// </summary>
public partial class Sweep : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private SweepSummary? _summary;
    private SweepMatrix? _matrix;
    private string? _error;
    private string? _problem;
    private ITimer? _timer;
    private Guid _loaded;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Parameter]
    public Guid Id { get; set; }

    private int Pending => _summary is null ? 0 : _summary.Queued + _summary.Running;

    private int Ended => _summary is null ? 0 : _summary.Diverged + _summary.Failed + _summary.Cancelled;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == Id) return;
        _loaded = Id;
        _timer?.Dispose();
        await LoadAsync();
        _timer = Clock.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, RefreshInterval, RefreshInterval);
    }

    private async Task TickAsync()
    {
        if (Pending == 0) return;
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _summary = await Api.SweepAsync(Id);
            _matrix = await Api.SweepMatrixAsync(Id);
            _error = null;
        }
        catch (ApiException e)
        {
            _error = e.Problem.Status == 404 ? $"No sweep has the id {Id}." : e.Message;
        }
    }

    private async Task CancelAsync()
    {
        _problem = (await Api.CancelSweepAsync(Id))?.Summary;
        await LoadAsync();
    }

    public void Dispose()
    {
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
