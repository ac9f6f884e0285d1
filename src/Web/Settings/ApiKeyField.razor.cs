using Microsoft.AspNetCore.Components;

namespace GradientService.Web.Settings;

/// <summary>The API-key setting in the top bar: shows whether a key is stored and saves or clears it.</summary>
public partial class ApiKeyField
{
    private string? _draft;
    private string? _note;

    [Inject]
    public required ApiKeyStore Keys { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _draft = await Keys.LoadAsync();
        _note = _draft is null ? null : "stored";
    }

    private async Task SaveAsync()
    {
        await Keys.SaveAsync(_draft);
        _draft = Keys.Key;
        _note = Keys.Key is null ? "cleared" : "saved";
    }
}
