using GradientService.Contracts.Spec;

namespace GradientService.Contracts.Wire;

/// <summary>
/// Everything about one run: its spec, status, progress, timings, model shape and summary.
/// <c>Progress</c>: StepsDone / TotalSteps in [0, 1].
/// <c>Reason</c>: Why it failed, diverged or was cancelled.
/// <c>Layers</c>: The model's linear layers once built (input side first, read-out last).
/// <c>CheckpointStep</c>: Newest stored checkpoint (0 = none).
/// <c>Diagnosis</c>: What is wrong with its gradients and what to try (null before its first recorded step).
/// <c>ParentId</c>, <c>Remedy</c>: The run this one is a try-it of, and the remedy it applied.
/// <c>SweepId</c>: The sweep this run is a cell of.
/// </summary>
public sealed record RunDetail(
    RunSummary Summary,
    RunSpec Spec,
    double Progress,
    string? Reason,
    int? DivergedStep,
    int? DivergedLayer,
    double? FinalTestLoss,
    double? FinalTrainAccuracy,
    IReadOnlyList<LayerDescription> Layers,
    int RecurrentLayers,
    long ParameterCount,
    int CheckpointStep,
    IReadOnlyDictionary<string, int> EventCounts,
    RunDiagnosis? Diagnosis,
    Guid? ParentId,
    string? Remedy,
    Guid? SweepId);

/// <summary>A linear layer of the built model; <see cref="Name"/> is its tensor prefix in weight exports.</summary>
public sealed record LayerDescription(int Index, string Name, int Inputs, int Outputs, string Kind);
