namespace GradientService.Contracts.Wire;

/// <summary>
/// The answer to a subscription: the run's state when streaming began.
/// <c>Found</c>: False when no run has that id (nothing will be streamed).
/// <c>Status</c>: Current status (see <see cref="RunStatus"/>).
/// <c>StepsRecorded</c>: The last step stored when the backfill was read.
/// <c>BackfilledThrough</c>: Steps up to this one were sent as backfill before this answer.
/// </summary>
public sealed record SubscribeResult(bool Found, RunStatus Status, int StepsRecorded, int BackfilledThrough);
