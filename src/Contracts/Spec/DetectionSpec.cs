using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>
/// The detectors' thresholds (docs/detectors.md). Every recorded step is checked, every layer; a condition that holds on
/// consecutive recorded steps is one episode. The defaults keep a healthy run silent; AUTOTRAINER (Zhang et al., ICSE 2021)
/// and DeepDiagnosis (Wardat et al., ICSE 2022) are the anchors.
/// </summary>
public sealed record DetectionSpec
{
    [Range(1, Limits.MaxDetectionWindow)]
    [Description("Consecutive recorded steps a layer's condition (vanishing, saturation, dead units) must hold before it is an episode.")]
    public int Patience { get; init; } = 20;

    [Range(0, 1)]
    [Description("Vanishing: a layer's ‖∂L/∂W_l‖ below this share of the output layer's (AUTOTRAINER: 1e-3).")]
    public double VanishingRatio { get; init; } = 1e-3;

    [Range(0, Limits.MaxThreshold)]
    [Description("Vanishing: or below this absolute ‖∂L/∂W_l‖ (AUTOTRAINER: 1e-4 on its nets; lower here, since a converged run's gradients are small everywhere).")]
    public double VanishingFloor { get; init; } = 1e-8;

    [Range(1, Limits.MaxThreshold)]
    [Description("Exploding: ‖g‖ above this multiple of its scale, the larger of its running median and its first window's median (AUTOTRAINER flags a ratio above 70).")]
    public double ExplodingFactor { get; init; } = 20;

    [Range(2, Limits.MaxDetectionWindow)]
    [Description("Exploding: recorded steps in the running median of ‖g‖.")]
    public int ExplodingWindow { get; init; } = 100;

    [Range(1, Limits.MaxThreshold)]
    [Description("Exploding: or ‖g‖ growing by at least this factor on every one of the last growth steps.")]
    public double GrowthFactor { get; init; } = 1.5;

    [Range(1, Limits.MaxDetectionWindow)]
    [Description("Exploding: consecutive recorded steps of growth by the growth factor.")]
    public int GrowthSteps { get; init; } = 5;

    [Range(0, Limits.MaxThreshold)]
    [Description("Recurrent nets: γ·σ_max(W_hh) above this (1: the necessary condition for exploding gradients over time, Pascanu et al. 2013).")]
    public double RecurrentGainAbove { get; init; } = 1;

    [Range(0, 1)]
    [Description("Sigmoid/tanh layers (and LSTM/GRU gates): more than this share of units in the flat tails (φ′ < 5% of its maximum).")]
    public double SaturationShare { get; init; } = 0.5;

    [Range(0, 1)]
    [Description("ReLU layers: more than this share of units output 0 on the whole batch (AUTOTRAINER: 70% zero gradients).")]
    public double DeadShare { get; init; } = 0.7;

    [Range(2, Limits.MaxDetectionWindow)]
    [Description("Stalled learning: recorded steps over which the loss is compared (the mean of its first half with its second).")]
    public int StalledWindow { get; init; } = 500;

    [Range(0, 1)]
    [Description("Stalled learning: the loss fell by less than this share over the window (or rose), while ‖g‖ is not zero.")]
    public double StalledTolerance { get; init; } = 0.01;

    [Range(0, 1)]
    [Description("Stalled learning: only while the loss is above this share of its first window's mean (a converged run is flat too).")]
    public double StalledAbove { get; init; } = 0.5;
}
