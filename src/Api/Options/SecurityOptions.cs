using System.ComponentModel.DataAnnotations;

namespace GradientService.Api.Options;

/// <summary>API keys, rate limits, body size and CORS ("Security" section).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Named API keys, each stored as the SHA-256 of the key ("sha256:" and 64 hex digits; <c>scripts/api-key.sh</c> makes a
    /// key and its line). With any key configured, mutating endpoints require one of them in the X-Api-Key header (hub:
    /// also ?access_token=). A key is revoked by removing its entry: appsettings.json is re-read on change.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>One key given in clear (a development or single-user shortcut); it joins <see cref="Keys"/> as "default", hashed at start.</summary>
    public string? ApiKey { get; set; }

    /// <summary>With a key configured, require it for reads too (GET, HEAD and the hub's live stream).</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Submissions allowed per client address in each window.</summary>
    [Range(1, 1_000_000)]
    public int SubmissionsPerWindow { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SubmissionWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest request body, in bytes (a spec may carry a CSV data set of up to 16 MiB).</summary>
    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 24L * 1024 * 1024;

    /// <summary>Origins allowed by CORS (none = same origin only).</summary>
    public string[] CorsOrigins { get; set; } = [];

    public const string ApiKeyHeader = "X-Api-Key";
}
