namespace GradientService.Contracts.Wire;

/// <summary>
/// The methods a client invokes on the runs hub (served at <see cref="HubRoutes.Runs"/>); clients call them by
/// <c>nameof(IRunsHub.SubscribeToRun)</c>.
/// </summary>
public interface IRunsHub
{
    /// <summary>
    /// Starts streaming <paramref name="runId"/>: first every recorded step after <paramref name="lastStep"/> (0 = from the
    /// start), then live batches and status changes. Steps carry their numbers; a client ignores any it already holds.
    /// </summary>
    Task<SubscribeResult> SubscribeToRun(Guid runId, int lastStep);

    /// <summary>
    /// As <see cref="SubscribeToRun"/>, but the live steps come as <see cref="LiveDigest"/>s shaped to what
    /// <paramref name="view"/> can draw (opt-in: without it, every step arrives exactly once). An invalid view is refused
    /// with a hub error naming every bad field.
    /// </summary>
    Task<SubscribeResult> SubscribeToRunView(Guid runId, int lastStep, LiveView view);

    /// <summary>Stops streaming the run to this connection.</summary>
    Task Unsubscribe(Guid runId);
}

/// <summary>Where the hub is mapped.</summary>
public static class HubRoutes
{
    public const string Runs = "/hubs/runs";

    /// <summary>Query-string key for the API key on hub connections (browsers cannot set headers on WebSockets).</summary>
    public const string ApiKeyQuery = "access_token";
}
