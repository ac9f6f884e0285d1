using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The live feed between the recorder and the broadcaster: the steps of each committed batch and runs' status changes,
/// in the order they were published. In-process today (<see cref="InProcessLiveFeed"/>); a feed that leaves the process
/// (Redis) lets a browser connected to one instance watch a run trained by another. Its messages are wire records
/// (<see cref="StepBatch"/>, <see cref="RunStatusMessage"/>), so they serialise as they are.
/// </summary>
public interface ILiveFeed
{
    /// <summary>The recorder, after a commit: copies what the feed's readers need from <paramref name="committed"/> and returns at once.</summary>
    void Publish(IReadOnlyList<TelemetryItem> committed);

    /// <summary>A worker: the run's status changed (published after the run's steps were committed).</summary>
    void Publish(RunStatusMessage status);

    /// <summary>The broadcaster: every <see cref="StepBatch"/> (one run's committed steps, unthinned) and <see cref="RunStatusMessage"/>, in order.</summary>
    IAsyncEnumerable<object> ReadAllAsync(CancellationToken cancel);
}
