namespace GradientService.Contracts.Wire;

/// <summary>
/// What the runs hub sends to a subscribed client. The server calls these through <c>Hub&lt;IRunStreamClient&gt;</c>;
/// a client registers its handlers under <c>nameof(IRunStreamClient.StepBatch)</c> and so on, never string literals.
/// </summary>
public interface IRunStreamClient
{
    /// <summary>Steps of one run in ascending order (missed ones after a subscribe, then live ones, at most ~20 per second).</summary>
    Task StepBatch(StepBatch batch);

    /// <summary>The run's status changed (started, finished, failed …), sent after the steps that led to it.</summary>
    Task StatusChanged(RunStatusMessage status);
}
