using System.Security.Cryptography;
using System.Text;
using GradientService.Api.Options;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Security;

/// <summary>The optional shared API key, compared in constant time.</summary>
public sealed class ApiKey(Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
{
    private readonly byte[]? _key = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public bool Required => _key is not null;

    public bool ProtectsReads => Required && options.Value.ProtectReads;

    /// <summary>True when no key is configured or the request carries it (header, or access_token on hub connections).</summary>
    public bool Accepts(HttpContext http)
    {
        if (_key is null) return true;
        var presented = http.Request.Headers[SecurityOptions.ApiKeyHeader].FirstOrDefault()
            ?? http.Request.Query[HubRoutes.ApiKeyQuery].FirstOrDefault();
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
    }
}
