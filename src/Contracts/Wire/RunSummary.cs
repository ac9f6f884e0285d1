namespace GradientService.Contracts.Wire;

/// <summary>
/// One run in a list: identity, status, progress and key figures.
/// <c>FinalLoss</c>: Training loss at the last recorded step.
/// <c>FinalAccuracy</c>: Held-out accuracy at the last evaluation (training accuracy when never evaluated).
/// </summary>
public sealed record RunSummary(
    Guid Id,
    string? Name,
    string? Preset,
    RunStatus Status,
    string Architecture,
    string Activation,
    string Init,
    int Depth,
    int StepsDone,
    int TotalSteps,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? FinalLoss,
    double? FinalAccuracy,
    int ClipEvents,
    int NonFiniteEvents);
