namespace GradientService.Contracts.Wire;

/// <summary>
/// Steps <see cref="FirstStep"/> … <see cref="LastStep"/> of one run, every one of them covered, aggregated for a view
/// that negotiated a <see cref="LiveView"/> (subscriptions without one get every step as <see cref="StepBatch"/>es).
/// <see cref="Points"/>: for each step metric, the smallest and the largest finite value of the steps at their own steps,
/// the first non-finite one, and every metric of the last step, in ascending steps (null where a point does not carry
/// that metric); a spike keeps its exact value and step.
/// <see cref="Columns"/>: the layer probes as the view's grid keeps them (each cell's largest value). <see cref="Latest"/>:
/// the last step's layer frame, exact. <see cref="Events"/>: every event of the steps; <see cref="Episodes"/>: the newest
/// state of each episode that changed. <see cref="Recurrent"/> and <see cref="OutputDepths"/>: the newest step's frames.
/// </summary>
public sealed record LiveDigest(
    Guid RunId,
    int FirstStep,
    int LastStep,
    IReadOnlyList<StepPoint> Points,
    LayerColumns? Columns,
    LayerFrame? Latest,
    IReadOnlyList<RecurrentFrame> Recurrent,
    IReadOnlyList<RunEventMessage> Events,
    IReadOnlyList<RunEpisode> Episodes,
    IReadOnlyList<OutputDepthFrame>? OutputDepths = null);

/// <summary>
/// Layer probes pre-aggregated to grid columns of <see cref="Width"/> steps: <see cref="Indices"/>[i] = c holds steps
/// c·w + 1 … (c + 1)·w. <see cref="Maxima"/> is little-endian float64, one value per (column i, metric k, layer l) at
/// ((i · Metrics.Length) + k) · Layers + l − 1: the largest finite value of <c>LayerMetric</c> ordinal
/// <see cref="Metrics"/>[k] over the column's steps (NaN: none). <see cref="Infinite"/>: the indices into that layout of
/// the cells where ±∞ occurred. A flat binary array: the browser reads it in one copy, with no object per value.
/// </summary>
public sealed record LayerColumns(int Width, int Layers, int[] Metrics, int[] Indices, byte[] Maxima, int[] Infinite);
