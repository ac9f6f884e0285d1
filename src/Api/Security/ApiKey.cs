using System.Security.Cryptography;
using System.Text;
using GradientService.Api.Options;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Security;

/// <summary>
/// The configured API keys (<see cref="SecurityOptions.Keys"/>, plus <see cref="SecurityOptions.ApiKey"/> as "default"),
/// held as SHA-256 digests and compared in constant time; re-read when the configuration changes, so removing a key's
/// entry revokes it without a restart.
/// </summary>
public sealed class ApiKey(IOptionsMonitor<SecurityOptions> options)
{
    /// <summary>The name <see cref="SecurityOptions.ApiKey"/> takes among the keys.</summary>
    public const string DefaultName = "default";

    private (SecurityOptions Source, IReadOnlyList<(string Name, byte[] Digest)> Keys)? _ring;

    public bool Required => Ring().Count > 0;

    public bool ProtectsReads => Required && options.CurrentValue.ProtectReads;

    /// <summary>True when no key is configured or the request carries one (header, or access_token on hub connections).</summary>
    public bool Accepts(HttpContext http) => !Required || Match(http) is not null;

    /// <summary>The name of the key the request carries, or null for none or an unknown one.</summary>
    public string? Match(HttpContext http)
    {
        var presented = http.Request.Headers[SecurityOptions.ApiKeyHeader].FirstOrDefault() ?? http.Request.Query[HubRoutes.ApiKeyQuery].FirstOrDefault();
        if (presented is null) return null;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? found = null;
        foreach (var (name, stored) in Ring()) // every entry is compared, so the time does not tell which one matched
            if (CryptographicOperations.FixedTimeEquals(digest, stored)) found ??= name;
        return found;
    }

    /// <summary>"sha256:" and the lower-case hex digest of <paramref name="key"/>: the form <see cref="SecurityOptions.Keys"/> stores.</summary>
    public static string Hash(string key) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Why a stored entry is not a digest (null when it is one).</summary>
    public static string? Problem(string name, string? stored) =>
        stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.Length == Prefix.Length + 64
            && stored.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdefABCDEF") is false
            ? null
            : $"Security:Keys:{name} must be \"sha256:\" and the 64 hex digits of the key's SHA-256 (scripts/api-key.sh prints one); never the key itself.";

    private const string Prefix = "sha256:";

    private IReadOnlyList<(string Name, byte[] Digest)> Ring()
    {
        var current = options.CurrentValue;
        if (_ring is { } ring && ReferenceEquals(ring.Source, current)) return ring.Keys;
        List<(string, byte[])> keys = [.. current.Keys.Where(k => Problem(k.Key, k.Value) is null).Select(k => (k.Key, Convert.FromHexString(k.Value.AsSpan(Prefix.Length))))];
        if (!string.IsNullOrEmpty(current.ApiKey)) keys.Add((DefaultName, SHA256.HashData(Encoding.UTF8.GetBytes(current.ApiKey))));
        _ring = (current, keys);
        return keys;
    }
}
