namespace GradientService.Contracts.Wire;

/// <summary>
/// Consecutive recorded steps of one run. <see cref="Steps"/> holds every step in the batch; <see cref="Layers"/> holds
/// the per-layer probes of every step unless <see cref="LayersThinned"/> is true (a burst too large for one message kept
/// evenly spaced steps, the last one and every step with an event; fetch the rest over HTTP).
/// <see cref="Episodes"/> holds the episodes that opened, grew or closed in the batch (their newest state).
/// <see cref="OutputDepths"/> holds a hierarchical-softmax run's per-depth gradient norms at the batch's steps (thinned with the layers).
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
    IReadOnlyList<RunEventMessage> Events,
    IReadOnlyList<RunEpisode> Episodes,
    IReadOnlyList<OutputDepthFrame>? OutputDepths = null);

/// <summary>
/// The scalar metrics of one step: <see cref="Values"/> holds one value per <c>StepMetric</c> ordinal (the names are in
/// <c>StepMetrics.Table</c>: loss, trainAccuracy, testLoss, …); null where the step did not measure it (test loss
/// between evaluations), NaN or ±∞ where it measured a non-finite value.
/// </summary>
public sealed record StepPoint(int Step, double?[] Values);

/// <summary>
/// Every linear layer's probes at one step: <see cref="Values"/> holds one array per <c>LayerMetric</c> ordinal (names and
/// meanings in <c>LayerMetrics.Table</c>: weightGradNorm, biasGradNorm, deltaNorm, …), each indexed by layer − 1 (input
/// side first, read-out last); null where the step did not compute that metric for that layer.
/// </summary>
public sealed record LayerFrame(int Step, double?[][] Values);

/// <summary>
/// One recurrent layer's probes at one step; <see cref="TimeLag"/> is ‖∂L/∂h_t‖ for t = 1 … T when measured, and
/// <see cref="Bound"/> the bound ‖∂L/∂h_T‖·(γσ_max)^(T−t) beside it (same indexing), null with it.
/// </summary>
public sealed record RecurrentFrame(
    int Step,
    int Layer,
    double SigmaMax,
    double BoundFactor,
    double ForgetGateMean,
    double[] InputGateGradNorms,
    double[] RecurrentGateGradNorms,
    double[]? TimeLag,
    double[]? Bound = null);

/// <summary>
/// A hierarchical-softmax read-out at one step: <see cref="GradNorms"/>[d − 1] is ‖∂L/∂W‖ over the rows of the tree's
/// inner nodes at depth d (the root is depth 1), before clipping.
/// </summary>
public sealed record OutputDepthFrame(int Step, double[] GradNorms);
