using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace GradientService.Api.Options;

/// <summary>The engine holding the store (<see cref="StorageOptions.Provider"/>).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file beside the process: the embedded default, nothing else to start.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by any number of processes (docs/deploy.md).</summary>
    Postgres,
}

/// <summary>The store ("Storage" section): a SQLite file (the default) or a PostgreSQL database.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>sqlite (the default: <see cref="DatabasePath"/>) or postgres (<see cref="ConnectionString"/>).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// PostgreSQL only, and required there: an Npgsql connection string naming at least the host and the database,
    /// e.g. "Host=127.0.0.1;Port=5432;Database=gradients;Username=gradients;Password=…".
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: path of the file; its folder is created at start.</summary>
    [Required, MinLength(1)]
    public string DatabasePath { get; set; } = "data/gradients.db";

    /// <summary>Most steps written in one recorder transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSteps { get; set; } = 1000;

    /// <summary>
    /// How long the recorder lets steps gather before it writes a batch that is not full (0: write whatever is queued at
    /// once). Every transaction also rewrites each run's open layer chunks and rollups, so a transaction per step, which
    /// a fast run gets when the recorder keeps up, costs several times what the steps themselves cost. The default is the
    /// live interval (<see cref="StreamingOptions.Interval"/>): the hub sends committed steps no more often than that, and
    /// at 20 ms a slow run (a 50-layer net at ~30 steps/s) spent a third of the service's CPU rewriting its open chunks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Steps the training threads may be ahead of the recorder before they wait (bounded channel).</summary>
    [Range(16, 1_000_000)]
    public int ChannelCapacity { get; set; } = 4096;

    /// <summary>SQLite page cache of the recorder's connection, in MiB.</summary>
    [Range(1, 4096)]
    public int CacheMiB { get; set; } = 64;

    public string SqliteConnectionString => $"Data Source={DatabasePath};Pooling=True";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] member = [nameof(ConnectionString)];
        if (Provider == StorageProvider.Sqlite)
        {
            if (!string.IsNullOrWhiteSpace(ConnectionString))
                yield return new ValidationResult("Storage:ConnectionString applies to Storage:Provider=postgres only; the SQLite store is set by Storage:DatabasePath.", member);
            yield break;
        }
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Storage:Provider=postgres needs Storage:ConnectionString, e.g. \"Host=127.0.0.1;Port=5432;Database=gradients;Username=gradients;Password=…\".", member);
            yield break;
        }
        string? error = null;
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host)) error = "it names no Host";
            else if (string.IsNullOrWhiteSpace(parsed.Database)) error = "it names no Database";
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }
        if (error != null) yield return new ValidationResult($"Storage:ConnectionString is not a usable PostgreSQL connection string: {error}.", member);
    }
}
