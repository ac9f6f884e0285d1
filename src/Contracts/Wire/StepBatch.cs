namespace GradientService.Contracts.Wire;

/// <summary>
/// Consecutive recorded steps of one run. <see cref="Steps"/> holds every step in the batch; <see cref="Layers"/> holds
/// the per-layer probes of every step unless <see cref="LayersThinned"/> is true (a burst too large for one message kept
/// evenly spaced steps, the last one and every step with an event; fetch the rest over HTTP).
/// Non-finite numbers travel as the JSON strings "NaN", "Infinity" and "-Infinity".
/// </summary>
public sealed record StepBatch(
    Guid RunId,
    int FirstStep,
    int LastStep,
    IReadOnlyList<StepPoint> Steps,
    IReadOnlyList<LayerFrame> Layers,
    bool LayersThinned,
    IReadOnlyList<RecurrentFrame> Recurrent,
    IReadOnlyList<RunEventMessage> Events);

/// <summary>The scalar series of one step (NaN where not measured, e.g. test loss between evaluations).</summary>
public sealed record StepPoint(
    int Step,
    double Loss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double LearningRate,
    double GradNormBefore,
    double GradNormAfter,
    double ClipScale);

/// <summary>
/// Every linear layer's probes at one step; each array is indexed by layer − 1 (input side first, read-out last).
/// Field meanings are those of <c>GradientService.Core.Probes.LayerStats</c>.
/// </summary>
public sealed record LayerFrame(
    int Step,
    double[] WeightGradNorm,
    double[] BiasGradNorm,
    double[] DeltaNorm,
    double[] WeightNorm,
    double[] UpdateRatio,
    double[] ActivationMean,
    double[] ActivationStd,
    double[] Saturation,
    double[] DeadFraction,
    int[] NonFiniteCount);

/// <summary>One recurrent layer's probes at one step; <see cref="TimeLag"/> is ‖∂L/∂h_t‖ for t = 1 … T when measured.</summary>
public sealed record RecurrentFrame(
    int Step,
    int Layer,
    double SigmaMax,
    double BoundFactor,
    double ForgetGateMean,
    double[] InputGateGradNorms,
    double[] RecurrentGateGradNorms,
    double[]? TimeLag);
