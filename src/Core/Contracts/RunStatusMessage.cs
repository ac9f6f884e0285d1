namespace GradientService.Core.Contracts;

/// <summary>A status change of a run, as streamed by the hub.</summary>
/// <param name="StepsDone">Steps recorded when the status changed.</param>
/// <param name="TotalSteps">The spec's step budget.</param>
/// <param name="Reason">Why a run failed, diverged or was cancelled; null otherwise.</param>
public sealed record RunStatusMessage(Guid RunId, RunStatus Status, int StepsDone, int TotalSteps, string? Reason, DateTime At);
