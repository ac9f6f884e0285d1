using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>Optimizer, learning rate and its schedule. Defaults are PyTorch's.</summary>
public sealed record OptimizerSpec
{
    [Description("sgd: η·g, the gradient's size is the step's size, so vanishing gradients mean frozen layers; momentum: accumulates past steps; rmsprop, adam, adamw: divide by a running RMS of g (per-parameter scale); rprop: uses only the sign of g (Riedmiller & Braun 1993), immune to its magnitude.")]
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;

    /// <summary>η; for rprop, the initial step size.</summary>
    [Range(0, Limits.MaxLearningRate)]
    [Description("η. Too large with exploding gradients and the loss diverges to NaN.")]
    public double LearningRate { get; init; } = 0.01;

    /// <summary>L2 penalty λ added to the gradient (adamw: decoupled decay W ← W − ηλW).</summary>
    [Description("L2 penalty λ (adamw: decoupled decay).")]
    public double WeightDecay { get; init; }

    /// <summary>momentum: μ in v ← μv + g.</summary>
    [ShownWhen("optimizer.kind", "momentum")]
    [Description("μ in v ← μv + g.")]
    public double Momentum { get; init; } = 0.9;

    /// <summary>momentum: Nesterov's look-ahead g + μv.</summary>
    [ShownWhen("optimizer.kind", "momentum")]
    [Description("Nesterov's look-ahead.")]
    public bool Nesterov { get; init; }

    /// <summary>adam/adamw: β₁.</summary>
    [ShownWhen("optimizer.kind", "adam", "adamw")]
    [Description("Adam's β₁: averaging of g.")]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>adam/adamw: β₂.</summary>
    [ShownWhen("optimizer.kind", "adam", "adamw")]
    [Description("Adam's β₂: averaging of g²; the step is ≈ η·m/√v, roughly η whatever g's scale.")]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>rmsprop: smoothing α of the squared-gradient average.</summary>
    [ShownWhen("optimizer.kind", "rmsprop")]
    [Description("RMSprop's smoothing of g².")]
    public double Alpha { get; init; } = 0.99;

    /// <summary>adam/adamw/rmsprop: ε in the denominator.</summary>
    [ShownWhen("optimizer.kind", "adam", "adamw", "rmsprop")]
    [Description("ε in the denominator: bounds the step when g² is tiny.")]
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>rprop: factor on a step size whose gradient changed sign (η⁻).</summary>
    [ShownWhen("optimizer.kind", "rprop")]
    [Description("Rprop: shrink factor when g changed sign.")]
    public double EtaMinus { get; init; } = 0.5;

    /// <summary>rprop: factor on a step size whose gradient kept its sign (η⁺).</summary>
    [ShownWhen("optimizer.kind", "rprop")]
    [Description("Rprop: growth factor when g kept its sign.")]
    public double EtaPlus { get; init; } = 1.2;

    /// <summary>rprop: smallest step size.</summary>
    [ShownWhen("optimizer.kind", "rprop")]
    [Description("Rprop: smallest step.")]
    public double StepSizeMin { get; init; } = 1e-6;

    /// <summary>rprop: largest step size.</summary>
    [ShownWhen("optimizer.kind", "rprop")]
    [Description("Rprop: largest step.")]
    public double StepSizeMax { get; init; } = 50;

    [Description("none, step (η × γ every N steps) or cosine decay.")]
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>step schedule: multiply η by <see cref="StepGamma"/> every this many steps.</summary>
    [ShownWhen("optimizer.schedule", "step")]
    [Description("Step schedule: steps between decays.")]
    public int StepEvery { get; init; } = 1000;

    /// <summary>step schedule: the factor γ.</summary>
    [ShownWhen("optimizer.schedule", "step")]
    [Description("Step schedule: the decay factor γ.")]
    public double StepGamma { get; init; } = 0.1;

    /// <summary>Linear warm-up: η_t = η·t/W·(the schedule's factor) for steps t ≤ W = this, then the schedule alone; 0 = none.</summary>
    [Range(0, Limits.MaxSteps)]
    [Description("Linear learning-rate warm-up over this many steps (0 = none): η rises as t/W from η/W at step 1 to the schedule's η at step W, multiplying whichever schedule runs (PyTorch's LinearLR chained with it). A post-LN transformer needs it; pre-LN trains without (Xiong et al. 2020).")]
    public int WarmupSteps { get; init; }

    /// <summary>cosine schedule: η at the last step.</summary>
    [ShownWhen("optimizer.schedule", "cosine")]
    [Description("Cosine schedule: η at the end.")]
    public double MinLearningRate { get; init; }
}
