using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace GradientService.Api.Options;

/// <summary>
/// Redis ("Redis" section), for the scaled mode (docs/deploy.md): set <see cref="ConnectionString"/> and every instance
/// on it shares SignalR's backplane, the committed-steps feed (a browser on one instance watches a run trained on another)
/// and the submission rate limit. Unset (the default), all three stay in this process.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:6379" or "redis:6379,password=…"; empty: no Redis.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every Redis channel and key this product uses, so several deployments can share one Redis.</summary>
    [Required, MinLength(1), RegularExpression("^[A-Za-z0-9_.-]+$")]
    public string ChannelPrefix { get; set; } = "gradientservice";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        string? error = null;
        try
        {
            if (ConfigurationOptions.Parse(ConnectionString!).EndPoints.Count == 0) error = "it names no endpoint";
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }
        if (error != null) yield return new ValidationResult($"Redis:ConnectionString is not a usable Redis configuration: {error}.", [nameof(ConnectionString)]);
    }
}
