namespace GradientService.Core.Contracts;

/// <summary>The answer to a subscription: the run's state when streaming began.</summary>
/// <param name="Found">False when no run has that id (nothing will be streamed).</param>
/// <param name="Status">Current status (see <see cref="RunStatus"/>).</param>
/// <param name="StepsRecorded">The last step stored when the backfill was read.</param>
/// <param name="BackfilledThrough">Steps up to this one were sent as backfill before this answer.</param>
public sealed record SubscribeResult(bool Found, RunStatus Status, int StepsRecorded, int BackfilledThrough);
