namespace GradientService.Api.Telemetry;

/// <summary>What travels from the training threads to the recorder, in order per run.</summary>
public abstract class TelemetryItem
{
    public required RunTap Run { get; init; }
}

/// <summary>The complete training state after <see cref="Step"/>; stored in the same transaction as the steps before it.</summary>
public sealed class CheckpointItem : TelemetryItem
{
    public required int Step { get; init; }

    public required byte[] Data { get; init; }
}

/// <summary>Completes once every item queued before it is committed.</summary>
public sealed class FlushItem : TelemetryItem
{
    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
