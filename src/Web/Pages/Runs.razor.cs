using GradientService.Contracts.Wire;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>Every run with its status, progress and key figures; filters; pick 2–4 to compare. Refreshes while runs are active.</summary>
public partial class Runs : IDisposable
{
    /// <summary>How often the list refreshes while a run is queued or training.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private const int MaxCompared = 4;

    private readonly HashSet<Guid> _selected = [];
    private RunFilter _filter = new();
    private Page<RunSummary>? _page;
    private string? _error;
    private string _status = "", _architecture = "", _activation = "", _init = "", _text = "";
    private ITimer? _refresh;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    private bool CanCompare => _selected.Count is >= 2 and <= MaxCompared;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _refresh = Clock.CreateTimer(_ => _ = InvokeAsync(RefreshIfActiveAsync), null, RefreshInterval, RefreshInterval);
    }

    private async Task RefreshIfActiveAsync()
    {
        if (_page?.Items.Any(r => !r.Status.IsFinal()) != true) return;
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _page = await Api.ListRunsAsync(_filter);
            _error = null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e.Message;
        }
    }

    private Task ApplyAsync()
    {
        _filter = new RunFilter(Blank(_status), Blank(_architecture), Blank(_activation), Blank(_init), Blank(_text));
        return LoadAsync();
    }

    private Task GoToAsync(int page)
    {
        _filter = _filter with { Page = Math.Max(1, page) };
        return LoadAsync();
    }

    private void Toggle(Guid id, ChangeEventArgs e)
    {
        if (e.Value is true) _selected.Add(id);
        else _selected.Remove(id);
    }

    private void CompareSelected() => Navigation.NavigateTo("compare?ids=" + string.Join(',', _selected.Take(MaxCompared)));

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Num(double? value) => value is { } v ? v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public void Dispose()
    {
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
