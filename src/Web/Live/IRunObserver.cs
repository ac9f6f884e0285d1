using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>What a subscriber to one run receives. Calls arrive on the UI's thread, in the order the hub sent them.</summary>
public interface IRunObserver
{
    /// <summary>Steps of the run (backfill first, then live), each after the last one delivered.</summary>
    void OnBatch(StepBatch batch);

    /// <summary>Live steps aggregated for the <see cref="LiveView"/> the subscription negotiated (only with one), each after the last one delivered.</summary>
    void OnDigest(LiveDigest digest);

    void OnStatus(RunStatusMessage status);

    /// <summary>The hub accepted the subscription (again, after a reconnect, when <paramref name="resumed"/>); the backfill up to <see cref="SubscribeResult.BackfilledThrough"/> has been delivered.</summary>
    void OnSubscribed(SubscribeResult result, bool resumed);

    void OnLinkChanged(LinkState state);
}
