namespace GradientService.Contracts.Wire;

/// <summary>
/// A status change of a run, as streamed by the hub.
/// <c>StepsDone</c>: Steps recorded when the status changed.
/// <c>TotalSteps</c>: The spec's step budget.
/// <c>Reason</c>: Why a run failed, diverged or was cancelled; null otherwise.
/// </summary>
public sealed record RunStatusMessage(Guid RunId, RunStatus Status, int StepsDone, int TotalSteps, string? Reason, DateTime At);
