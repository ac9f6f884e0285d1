using System.ComponentModel.DataAnnotations;

namespace GradientService.Api.Options;

/// <summary>Live streaming over the hub ("Streaming" section).</summary>
public sealed class StreamingOptions
{
    public const string Section = "Streaming";

    /// <summary>Interval between live messages of one run (50 ms = at most 20 per second).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Layer values (layers × 10 fields × steps) in one message before its layer frames are thinned.</summary>
    [Range(100, 10_000_000)]
    public int MaxLayerValuesPerMessage { get; set; } = 20_000;

    /// <summary>Steps per message (live and backfill).</summary>
    [Range(10, 100_000)]
    public int MaxStepsPerMessage { get; set; } = 2000;

    /// <summary>Messages waiting for one client; a client that falls further behind is disconnected (it reconnects and backfills).</summary>
    [Range(2, 10_000)]
    public int ClientBacklog { get; set; } = 100;
}
