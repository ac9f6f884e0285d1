namespace GradientService.Contracts.Wire;

/// <summary>The answer to a submission: the new run's id and where to watch it.</summary>
public sealed record RunCreated(Guid Id, RunStatus Status, string Location);
