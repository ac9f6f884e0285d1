using System.ComponentModel;

namespace GradientService.Contracts.Spec;

/// <summary>A complete training job: the one record the engine runs and the Api accepts.</summary>
public sealed record RunSpec
{
    /// <summary>Free text shown in lists; at most <see cref="Limits.MaxNameLength"/> characters.</summary>
    public string? Name { get; init; }

    [Description("The network. Depth and activation decide how many Jacobians diag(φ′)·W the gradient crosses and how much each one shrinks it.")]
    public ModelSpec Model { get; init; } = new MlpSpec();

    [Description("Starting weights. Their variance sets the per-layer gain χ = σ_w²·E[φ′(z)²]: below 1 the gradient vanishes with depth, above 1 it explodes.")]
    public InitSpec Init { get; init; } = new();

    [Description("The task. Long-lag recurrent tasks (adding, copy, temporal order) need the gradient to survive many time steps.")]
    public DataSpec Data { get; init; } = new();

    [Description("How gradients become updates (backprop only; gradient-free search does not use it). Adaptive methods (RMSprop, Adam) and Rprop rescale per parameter, which hides small gradients' size but not their noise.")]
    public OptimizerSpec Optimizer { get; init; } = new();

    [Description("Caps the gradient before the update, the standard remedy for exploding gradients (Pascanu et al. 2013); backprop only.")]
    public ClippingSpec Clipping { get; init; } = new();

    [Description("The step loop: loss, batch, number of steps, evaluation and the seed that makes a run reproducible bit for bit.")]
    public TrainingSpec Training { get; init; } = new();

    [Description("Gradient-free training (training.method genetic or evolution-strategy): population, selection, mutation, ES noise and the gradient probe.")]
    public SearchSpec Search { get; init; } = new();

    [Description("Greedy layer-wise pretraining before backprop (autoencoders or RBMs, one hidden layer at a time), the first remedy found for deep sigmoid nets (Hinton et al. 2006; Bengio et al. 2007).")]
    public PretrainingSpec Pretraining { get; init; } = new();

    [Description("When the detectors report an episode: vanishing, exploding, saturation, dead units and stalled learning, each threshold with a default that keeps a healthy run silent.")]
    public DetectionSpec Detection { get; init; } = new();
}
