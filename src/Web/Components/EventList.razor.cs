using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Components;

/// <summary>
/// The run's events, a page at a time from the Api (<c>/api/runs/{id}/events</c>, filtered by kind on the server), so
/// every stored event can be reached however many there are. When the live counts grow it reloads the page shown (at
/// most once per <see cref="RefreshInterval"/>); on the last page it follows the run, moving on when that page fills.
/// </summary>
public partial class EventList
{
    public const int PageSize = 100;

    /// <summary>How often the last page is reloaded while new events arrive.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private Page<RunEventMessage>? _page;
    private int _number = 1;
    private int _loadedCount = -1;
    private DateTimeOffset _loadedAt;
    private bool _loading;
    private string? _error;

    [Inject]
    public required ApiClient Api { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Parameter, EditorRequired]
    public required RunData Data { get; set; }

    [Parameter]
    public EventCallback<int> JumpTo { get; set; }

    private string Kind { get; set; } = "";

    private int Pages => _page is null ? 1 : Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    /// <summary>On the last page, which grows with the run.</summary>
    private bool Following => _number >= Pages && !Data.Status.IsFinal();

    /// <summary>Events of the chosen kind the browser has counted (live counts include the stored ones).</summary>
    private int Counted => Kind switch
    {
        RunEventKinds.Clipping => Data.ClipEvents,
        RunEventKinds.NonFinite => Data.NonFiniteEvents,
        RunEventKinds.Diverged => Data.DivergedStep is null ? 0 : 1,
        _ => Data.ClipEvents + Data.NonFiniteEvents + (Data.DivergedStep is null ? 0 : 1),
    };

    /// <summary>What the list shows; the run page re-renders on every tick, the list only when this changed.</summary>
    private (object? Page, string Kind, int Clip, int NonFinite, int? Diverged, bool Final, string? Error) Shown =>
        (_page, Kind, Data.ClipEvents, Data.NonFiniteEvents, Data.DivergedStep, Data.Status.IsFinal(), _error);

    private object? _rendered;

    protected override bool ShouldRender() => !Equals(_rendered, Shown);

    protected override void OnAfterRender(bool firstRender) => _rendered = Shown;

    protected override async Task OnParametersSetAsync()
    {
        if (_loading) return;
        if (_loadedCount < 0)
        {
            await LoadAsync(1);
            return;
        }
        // New events land on the last page (which the list then follows) and change the total shown on every page: the
        // final counts are loaded at once, live ones at a bounded rate.
        var due = Data.Status.IsFinal() || Clock.GetUtcNow() - _loadedAt >= RefreshInterval;
        if (Counted != _loadedCount && due) await LoadAsync(_number >= Pages ? int.MaxValue : _number);
    }

    private async Task OnKindChanged(ChangeEventArgs e)
    {
        Kind = e.Value?.ToString() ?? "";
        await LoadAsync(1);
    }

    private Task GoToAsync(int number) => LoadAsync(number);

    /// <summary>Loads page <paramref name="number"/> (int.MaxValue: the last one).</summary>
    private async Task LoadAsync(int number)
    {
        _loading = true;
        var counted = Counted;
        try
        {
            var last = Math.Max(1, (Math.Max(counted, _page?.Total ?? 0) + PageSize - 1) / PageSize);
            _number = Math.Clamp(number, 1, last);
            _page = await Api.EventsAsync(Data.RunId, _number, PageSize, Kind.Length == 0 ? null : Kind);
            if (_page.Items.Count == 0 && _number > 1) _page = await Api.EventsAsync(Data.RunId, _number = Pages, PageSize, Kind.Length == 0 ? null : Kind); // fewer than counted: the last stored page
            _error = null;
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        finally
        {
            _loading = false;
            _loadedCount = counted;
            _loadedAt = Clock.GetUtcNow();
        }
    }
}
