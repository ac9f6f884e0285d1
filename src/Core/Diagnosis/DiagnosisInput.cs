using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Core.Diagnosis;

/// <summary>
/// What a diagnosis is made from: the run's spec, how far it got, its episodes, the few probes it needs and the theory.
/// </summary>
/// <param name="Spec">The run's spec.</param>
/// <param name="AtStep">The newest recorded step (≥ 1).</param>
/// <param name="Final">True once the run has finished.</param>
/// <param name="Episodes">Every episode of the run, in any order.</param>
/// <param name="FirstStepDelta">‖δ_l‖ per linear layer at the first training step, <see cref="Diagnoser.FirstTrainingStep"/> (input side first, read-out last); null when not recorded.</param>
/// <param name="NewestWeightGrad">‖∂L/∂W_l‖ per linear layer at <see cref="AtStep"/> (same layout); null when not recorded.</param>
/// <param name="Theory">The mean-field report of a feedforward spec (<see cref="Theory.SpecTheory"/>), null for recurrent nets.</param>
/// <param name="Recurrent">The recurrent probes of the first recurrent layer, null for feedforward nets or before they are measured.</param>
public sealed record DiagnosisInput(
    RunSpec Spec,
    int AtStep,
    bool Final,
    IReadOnlyList<RunEpisode> Episodes,
    IReadOnlyList<double?>? FirstStepDelta,
    IReadOnlyList<double?>? NewestWeightGrad,
    TheoryReport? Theory,
    RecurrentMeasurement? Recurrent);

/// <summary>The first recurrent layer's σ_max(W_hh) at the newest step, and its newest time-lag profile (‖∂L/∂h_t‖, t = 1 … T) if any.</summary>
public sealed record RecurrentMeasurement(double SigmaMax, IReadOnlyList<double>? TimeLag, double? InitialSigmaMax = null);
