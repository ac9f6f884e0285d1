using System.ComponentModel.DataAnnotations;

namespace GradientService.Api.Options;

/// <summary>Training workers ("Workers" section). The defaults fit the machine: see <see cref="ConcurrentRuns"/> and <see cref="RunThreads"/>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>
    /// False: this instance serves the Api and the dashboard but trains nothing; runs wait for an instance with workers on
    /// the same store (the scaled mode: a few Api instances, many workers; docs/deploy.md). True by default.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Runs that train at once; the rest wait in FIFO order. 0 (the default): fit the machine (<see cref="ConcurrentRuns"/>).</summary>
    [Range(0, 64)]
    public int MaxConcurrentRuns { get; set; }

    /// <summary>At most this many threads for one run; 0 (the default): the run's share of the cores (<see cref="RunThreads"/>).</summary>
    [Range(0, 256)]
    public int ThreadsPerRun { get; set; }

    /// <summary>
    /// Training slots on <paramref name="cores"/> cores: <see cref="MaxConcurrentRuns"/> when set, else one per two cores
    /// (one run on both cores of a 2-core machine). The kernels split a product only when it is large, so at the presets'
    /// sizes separate runs use further cores better than wider worker teams do.
    /// </summary>
    public int ConcurrentRuns(int cores) => MaxConcurrentRuns > 0 ? MaxConcurrentRuns : Math.Max(1, cores / 2);

    /// <summary>
    /// Threads given to each run: max(1, cores / slots), so the runs of every slot together never ask for more threads than
    /// there are cores (the kernels' worker teams spin while they wait, so oversubscription costs far more than it seems);
    /// <see cref="ThreadsPerRun"/> lowers it when set.
    /// </summary>
    public int RunThreads(int cores)
    {
        var share = Math.Max(1, cores / ConcurrentRuns(cores));
        return ThreadsPerRun > 0 ? Math.Min(ThreadsPerRun, share) : share;
    }

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
