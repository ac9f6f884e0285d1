using GradientService.Contracts.Wire;
using GradientService.Web.Services;
using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Pages;

/// <summary>Every sweep, newest first, a page at a time, with how far its runs have got.</summary>
public partial class Sweeps
{
    public const int PageSize = 50;

    private Page<SweepSummary>? _page;
    private int _number = 1;
    private string? _error;

    [Inject]
    public required ApiClient Api { get; init; }

    private int Pages => _page is null ? 1 : Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    protected override Task OnInitializedAsync() => LoadAsync(1);

    private async Task LoadAsync(int number)
    {
        try
        {
            _page = await Api.SweepsAsync(number, PageSize);
            _number = number;
            _error = null;
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
    }
}
