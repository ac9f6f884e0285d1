using GradientService.Contracts.Wire;

namespace GradientService.Api.Redis;

/// <summary>
/// One message of the Redis live feed: a run's committed steps or its status change, numbered per run by the instance
/// that published it (1, 2, …), so a receiver can tell a message was lost.
/// </summary>
public sealed record FeedEnvelope(Guid Publisher, long Sequence, StepBatch? Batch, RunStatusMessage? Status)
{
    public object Payload => (object?)Batch ?? Status ?? throw new InvalidOperationException("An empty feed message.");
}
