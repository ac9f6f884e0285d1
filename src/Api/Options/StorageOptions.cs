using System.ComponentModel.DataAnnotations;

namespace GradientService.Api.Options;

/// <summary>The SQLite store ("Storage" section).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Path of the SQLite file; its folder is created at start.</summary>
    [Required, MinLength(1)]
    public string DatabasePath { get; set; } = "data/gradients.db";

    /// <summary>Most steps written in one recorder transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSteps { get; set; } = 1000;

    /// <summary>
    /// How long the recorder lets steps gather before it writes a batch that is not full (0: write whatever is queued at
    /// once). Every transaction also rewrites each run's open layer chunks and rollups, so a transaction per step, which
    /// a fast run gets when the recorder keeps up, costs several times what the steps themselves cost.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Steps the training threads may be ahead of the recorder before they wait (bounded channel).</summary>
    [Range(16, 1_000_000)]
    public int ChannelCapacity { get; set; } = 4096;

    /// <summary>SQLite page cache of the recorder's connection, in MiB.</summary>
    [Range(1, 4096)]
    public int CacheMiB { get; set; } = 64;

    public string ConnectionString => $"Data Source={DatabasePath};Pooling=True";
}
