using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GradientService.Contracts.Spec;

namespace GradientService.Contracts.Wire;

/// <summary>
/// A grid of runs in one request: the base spec (or a preset) with every combination of the axes' values applied. Each
/// cell is an ordinary run (listed, charted, diagnosed like any other) that knows its sweep.
/// </summary>
/// <param name="Name">Free text shown in lists.</param>
/// <param name="Preset">Start from this preset's spec (then <see cref="Spec"/> is a merge patch over it), or null.</param>
/// <param name="Spec">The base spec (without a preset) or a merge patch over the preset's spec.</param>
/// <param name="Axes">The fields to vary; the grid is their cartesian product, the last axis varying fastest.</param>
public sealed record SweepRequest(string? Name, string? Preset, JsonObject? Spec, IReadOnlyList<SweepAxis> Axes);

/// <summary>
/// One axis of a sweep: a spec field by its JSON path (e.g. "model.activation", "init.weightVariance", "model.depth") and
/// the values it takes, as JSON (strings for enums, numbers for numbers).
/// </summary>
public sealed record SweepAxis(string Field, IReadOnlyList<JsonNode> Values);

/// <summary>A sweep and how far its runs have got.</summary>
public sealed record SweepSummary(
    Guid Id, string? Name, string? Preset, DateTime CreatedAt, IReadOnlyList<SweepAxis> Axes, int Cells,
    int Queued, int Running, int Completed, int Diverged, int Failed, int Cancelled);

/// <summary>
/// The outcome of every cell of a sweep, and for a σ_w² × σ_b² grid of a feedforward net the order-to-chaos phase
/// diagram (Schoenholz et al. 2017, Figure 1 and 5): the theory's critical line χ₁ = 1 and the trainable depth 6·ξ_c.
/// </summary>
public sealed record SweepMatrix(Guid SweepId, IReadOnlyList<SweepAxis> Axes, IReadOnlyList<SweepCell> Cells, PhaseDiagram? Phase);

/// <summary>
/// One cell: its axis values (by index into each axis's values) and its run's outcome.
/// <c>VanishingDepth</c>: layers 1 … k stopped learning (0 = none), from the run's diagnosis.
/// <c>MeasuredChi</c>: ‖δ_1‖²/‖δ_D‖² per layer at step 1, i.e. the measured per-layer factor squared.
/// <c>PredictedChi</c>: the theory's χ₁ for the cell's spec (null where it does not apply).
/// </summary>
public sealed record SweepCell(
    IReadOnlyList<int> Index, Guid RunId, RunStatus Status, double? FinalAccuracy, double? FinalLoss, DiagnosisVerdict? Verdict,
    int? VanishingDepth, bool Exploded, double? MeasuredChi, double? PredictedChi);

/// <summary>
/// The theory over a σ_w² × σ_b² plane at the sweep's activation and depth: where χ₁ = 1 (order to chaos) and the depth
/// 6·ξ_c up to which signals stay distinguishable (nets deeper than it do not train).
/// </summary>
/// <param name="WeightVarianceAxis">Index of the σ_w² axis in the sweep's axes.</param>
/// <param name="BiasVarianceAxis">Index of the σ_b² axis.</param>
/// <param name="Activation">φ of the sweep's base spec, by its wire name.</param>
/// <param name="Depth">The sweep's depth, to compare with 6·ξ_c.</param>
/// <param name="CriticalLine">Points (σ_b², σ_w²) with χ₁ = 1, in increasing σ_b².</param>
/// <param name="GridWeightVariances">σ_w² of the grid's rows, increasing.</param>
/// <param name="GridBiasVariances">σ_b² of the grid's columns, increasing.</param>
/// <param name="TrainableDepth">6·ξ_c on a grid: rows σ_w² (<see cref="GridWeightVariances"/>), columns σ_b² (<see cref="GridBiasVariances"/>); null where ξ_c is undefined.</param>
public sealed record PhaseDiagram(
    int WeightVarianceAxis, int BiasVarianceAxis, string Activation, int Depth, IReadOnlyList<PhasePoint> CriticalLine,
    IReadOnlyList<double> GridWeightVariances, IReadOnlyList<double> GridBiasVariances, IReadOnlyList<IReadOnlyList<double?>> TrainableDepth);

/// <summary>A point of the σ_b² × σ_w² plane.</summary>
public sealed record PhasePoint(double BiasVariance, double WeightVariance);
