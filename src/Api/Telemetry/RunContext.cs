using GradientService.Core.Training;

namespace GradientService.Api.Telemetry;

/// <summary>
/// What the telemetry pipeline knows of one run: its keys, the model's shape (frame sizes), which steps are recorded,
/// the step it resumed from (0 on a fresh start), from which the store reopens the run's open chunk and buckets, and the
/// instance whose lease the run is trained under: the store keeps the run's telemetry only while the run's row names that
/// instance as its lease owner (null: a run trained without a lease, as in the writer's own tests and the benchmarks), so an
/// instance whose lease another took over cannot write over the new owner's steps (<see cref="TelemetryWriter"/>).
/// </summary>
public sealed record RunContext(long RunKey, Guid RunId, ModelInfo Model, int RecordEvery, int TotalSteps, int ResumedAt, string? LeaseOwner = null);
