using System.ComponentModel.DataAnnotations;

namespace GradientService.Api.Options;

/// <summary>Training workers ("Workers" section). The defaults fit a 2-core machine: one run at a time on two threads.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Runs that train at once; the rest wait in FIFO order.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>Threads the engine may use for one run.</summary>
    [Range(1, 256)]
    public int ThreadsPerRun { get; set; } = 2;

    /// <summary>Runs allowed to wait; a submission beyond this is answered 429.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedRuns { get; set; } = 100;

    /// <summary>A checkpoint is stored every this many steps (a restarted process resumes from the last one).</summary>
    [Range(1, 1_000_000)]
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>Checkpoints kept per run (the newest ones; the final one is always kept).</summary>
    [Range(1, 10_000)]
    public int CheckpointsKept { get; set; } = 5;

    /// <summary>Record every k-th step (1 = every step); for very long runs.</summary>
    [Range(1, 10_000)]
    public int RecordEvery { get; set; } = 1;

    /// <summary>Identity of this process in run leases; a restarted process with the same id takes its runs back at once.</summary>
    [Required, MinLength(1)]
    public string InstanceId { get; set; } = Environment.MachineName;

    /// <summary>How long a claimed run stays ours without a heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running run renews its lease and checks for a cancel request made elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle worker looks for queued runs or expired leases besides being woken by a submission.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
