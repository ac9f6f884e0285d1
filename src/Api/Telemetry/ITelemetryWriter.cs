namespace GradientService.Api.Telemetry;

/// <summary>
/// The recorder's store: each <see cref="WriteBatch"/> stores the items in one transaction (steps, layer probes, rollups,
/// events, checkpoints, run progress). It owns the per-run state its layout needs and reopens it for a resumed run
/// (<see cref="RunContext.ResumedAt"/>). Implemented by <see cref="TelemetryWriter"/> per store; used by the recorder's one thread only.
/// </summary>
public interface ITelemetryWriter : IDisposable
{
    /// <summary>Stores <paramref name="items"/> (in queue order, several runs mixed) in one transaction, or nothing when it throws.</summary>
    void WriteBatch(IReadOnlyList<TelemetryItem> items);

    /// <summary>
    /// Whether <paramref name="e"/>, thrown by <see cref="WriteBatch"/>, is a passing failure of the store (a broken
    /// connection, a restarting server): then the caller writes the same items again, before any other, until they are stored.
    /// </summary>
    bool IsTransient(Exception e);
}
