using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>
/// Gradient-free training (<see cref="TrainingSpec.Method"/> genetic or evolution-strategy): one step is one generation
/// of forward passes on the step's batch. The genetic algorithm follows Such et al. 2017 ("Deep Neuroevolution") with
/// tournament selection and uniform crossover (Goldberg 1989); the evolution strategy is Salimans et al. 2017, Algorithm 1
/// with antithetic sampling and centred-rank fitness shaping. docs/search.md gives the algorithms and their cost.
/// </summary>
public sealed record SearchSpec
{
    [Range(2, Limits.MaxPopulation)]
    [ShownWhen("training.method", "genetic", "evolution-strategy")]
    [Description("Members evaluated per generation: each costs one forward pass on the batch (the evaluations counted per step). Even for antithetic ES.")]
    public int PopulationSize { get; init; } = 50;

    [Range(0, Limits.MaxPopulation)]
    [ShownWhen("training.method", "genetic")]
    [Description("The best members copied unchanged into the next generation (elitism); fewer than the population.")]
    public int Elites { get; init; } = 2;

    [Range(1, Limits.MaxPopulation)]
    [ShownWhen("training.method", "genetic")]
    [Description("Tournament selection: each parent is the best of this many members drawn at random (1 = no selection pressure).")]
    public int TournamentSize { get; init; } = 3;

    [Range(0, 1)]
    [ShownWhen("training.method", "genetic")]
    [Description("Share of children made by uniform crossover of two parents (each weight from either with probability ½); the rest copy one parent.")]
    public double CrossoverRate { get; init; } = 0.5;

    [Range(0, 1)]
    [ShownWhen("training.method", "genetic")]
    [Description("Probability that a child's weight is mutated (Gaussian noise added); 1 perturbs every weight, as in Such et al. 2017.")]
    public double MutationRate { get; init; } = 0.1;

    [Range(0, Limits.MaxSearchScale)]
    [ShownWhen("training.method", "genetic")]
    [Description("σ of the Gaussian mutation, in weight units: a mutated weight becomes w + σ·ε, ε ~ N(0, 1).")]
    public double MutationScale { get; init; } = 0.1;

    [Range(0, Limits.MaxSearchScale)]
    [ShownWhen("training.method", "evolution-strategy")]
    [Description("σ of the ES perturbations θ + σ·ε (Salimans et al. 2017, Algorithm 1).")]
    public double NoiseStd { get; init; } = 0.05;

    [ShownWhen("training.method", "evolution-strategy")]
    [Description("Antithetic (mirrored) sampling: members come in pairs θ ± σ·ε, which cancels the estimate's even-order noise (Salimans et al. 2017, §2.2).")]
    public bool Antithetic { get; init; } = true;

    [Range(0, Limits.MaxLearningRate)]
    [ShownWhen("training.method", "evolution-strategy")]
    [Description("α of the ES update θ ← θ − α/(nσ)·Σ u_i ε_i with centred-rank utilities u_i ∈ [−½, ½] (the optimizer section does not apply).")]
    public double StepSize { get; init; } = 0.1;

    [Range(0, Limits.MaxSteps)]
    [ShownWhen("training.method", "genetic", "evolution-strategy")]
    [Description("Every k-th generation (and the first and last) one backward pass probes the current net's backprop gradients, recorded as probes, never used for training (0 = never).")]
    public int ProbeEvery { get; init; } = 10;

    /// <summary>Whether generation <paramref name="step"/> (1-based) of <paramref name="steps"/> probes the gradients: the first, every k-th and the last.</summary>
    public bool IsProbeStep(int step, int steps) => ProbeEvery > 0 && (step == 1 || step % ProbeEvery == 0 || step == steps);

    /// <summary>The newest probe generation at or before <paramref name="step"/> (≥ 1) of <paramref name="steps"/>, or null when the run never probes.</summary>
    public int? ProbeAtOrBefore(int step, int steps) =>
        ProbeEvery <= 0 || step < 1 ? null : step >= steps ? steps : Math.Max(1, step / ProbeEvery * ProbeEvery);
}
