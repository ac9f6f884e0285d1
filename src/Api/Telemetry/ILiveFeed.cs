using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The live feed between the recorder and the broadcaster: the steps of each committed batch and runs' status changes,
/// in the order they were published. In one process, <see cref="InProcessLiveFeed"/>; in the scaled mode,
/// <see cref="Redis.RedisLiveFeed"/>, so a browser connected to one instance watches a run trained by another. Its
/// messages are wire records (<see cref="StepBatch"/>, <see cref="RunStatusMessage"/>), so they serialise as they are.
/// </summary>
public interface ILiveFeed
{
    /// <summary>The recorder, after a commit: copies what the feed's readers need from <paramref name="committed"/> and returns at once.</summary>
    void Publish(IReadOnlyList<TelemetryItem> committed);

    /// <summary>A worker: the run's status changed (published after the run's steps were committed).</summary>
    void Publish(RunStatusMessage status);

    /// <summary>
    /// The hub, before it reads a new subscriber's backfill from the store: makes sure every batch of
    /// <paramref name="runId"/> committed from now on, by any instance, reaches <see cref="ReadAllAsync"/> here.
    /// </summary>
    ValueTask WatchAsync(Guid runId, CancellationToken cancel);

    /// <summary>The broadcaster: every <see cref="StepBatch"/> (one run's committed steps, unthinned) and <see cref="RunStatusMessage"/>, in order.</summary>
    IAsyncEnumerable<object> ReadAllAsync(CancellationToken cancel);
}
