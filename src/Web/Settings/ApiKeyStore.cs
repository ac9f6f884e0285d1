using Microsoft.JSInterop;

namespace GradientService.Web.Settings;

/// <summary>
/// The service's API key as the user entered it, kept in this browser's localStorage. When the server is configured
/// with a key, every Api call (<see cref="ApiKeyHandler"/>) and the hub connection present it.
/// </summary>
public sealed class ApiKeyStore(IJSRuntime js)
{
    public const string StorageKey = "gradientservice.apiKey";

    private bool _loaded;

    public string? Key { get; private set; }

    /// <summary>The stored key (read from localStorage once); null when none was entered.</summary>
    public async ValueTask<string?> LoadAsync()
    {
        if (_loaded) return Key;
        Key = Normalise(await js.InvokeAsync<string?>("localStorage.getItem", StorageKey));
        _loaded = true;
        return Key;
    }

    /// <summary>Stores <paramref name="key"/> (blank removes it).</summary>
    public async Task SaveAsync(string? key)
    {
        Key = Normalise(key);
        _loaded = true;
        if (Key is null) await js.InvokeVoidAsync("localStorage.removeItem", StorageKey);
        else await js.InvokeVoidAsync("localStorage.setItem", StorageKey, Key);
    }

    private static string? Normalise(string? key) => string.IsNullOrWhiteSpace(key) ? null : key.Trim();
}
