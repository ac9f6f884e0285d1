namespace GradientService.Contracts.Wire;

/// <summary>
/// What the runs hub sends to a subscribed client. The server calls these through <c>Hub&lt;IRunStreamClient&gt;</c>;
/// a client registers its handlers under <c>nameof(IRunStreamClient.StepBatch)</c> and so on, never string literals.
/// </summary>
public interface IRunStreamClient
{
    /// <summary>Steps of one run in ascending order (missed ones after a subscribe, then live ones, at most ~20 per second).</summary>
    Task StepBatch(StepBatch batch);

    /// <summary>Steps of one run aggregated for a negotiated <see cref="LiveView"/>, at most its updates per second (live steps only; the backfill comes as <see cref="StepBatch"/>es).</summary>
    Task LiveDigest(LiveDigest digest);

    /// <summary>The run's status changed (started, finished, failed …), sent after the steps that led to it.</summary>
    Task StatusChanged(RunStatusMessage status);
}
