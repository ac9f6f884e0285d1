namespace GradientService.Web.Settings;

/// <summary>Adds the stored API key to every request of the dashboard's HttpClient (the Api checks it on writes, and on reads when configured to).</summary>
public sealed class ApiKeyHandler(ApiKeyStore keys) : DelegatingHandler
{
    /// <summary>The header the Api reads the key from (SecurityOptions.ApiKeyHeader on the server).</summary>
    public const string Header = "X-Api-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await keys.LoadAsync() is { } key) request.Headers.TryAddWithoutValidation(Header, key);
        return await base.SendAsync(request, cancellationToken);
    }
}
