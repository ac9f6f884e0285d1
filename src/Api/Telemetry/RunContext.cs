using GradientService.Core.Training;

namespace GradientService.Api.Telemetry;

/// <summary>
/// What the telemetry pipeline knows of one run: its keys, the model's shape (frame sizes), which steps are recorded,
/// and the step it resumed from (0 on a fresh start), from which the store reopens the run's open chunk and buckets.
/// </summary>
public sealed record RunContext(long RunKey, Guid RunId, ModelInfo Model, int RecordEvery, int TotalSteps, int ResumedAt);
