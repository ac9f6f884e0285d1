namespace GradientService.Contracts.Spec;

/// <summary>Optimizer, learning rate and its schedule. Defaults are PyTorch's.</summary>
public sealed record OptimizerSpec
{
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;

    /// <summary>η; for rprop, the initial step size.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>L2 penalty λ added to the gradient (adamw: decoupled decay W ← W − ηλW).</summary>
    public double WeightDecay { get; init; }

    /// <summary>momentum: μ in v ← μv + g.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>momentum: Nesterov's look-ahead g + μv.</summary>
    public bool Nesterov { get; init; }

    /// <summary>adam/adamw: β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>adam/adamw: β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>rmsprop: smoothing α of the squared-gradient average.</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>adam/adamw/rmsprop: ε in the denominator.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>rprop: factor on a step size whose gradient changed sign (η⁻).</summary>
    public double EtaMinus { get; init; } = 0.5;

    /// <summary>rprop: factor on a step size whose gradient kept its sign (η⁺).</summary>
    public double EtaPlus { get; init; } = 1.2;

    /// <summary>rprop: smallest step size.</summary>
    public double StepSizeMin { get; init; } = 1e-6;

    /// <summary>rprop: largest step size.</summary>
    public double StepSizeMax { get; init; } = 50;

    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>step schedule: multiply η by <see cref="StepGamma"/> every this many steps.</summary>
    public int StepEvery { get; init; } = 1000;

    /// <summary>step schedule: the factor γ.</summary>
    public double StepGamma { get; init; } = 0.1;

    /// <summary>cosine schedule: η at the last step.</summary>
    public double MinLearningRate { get; init; }
}
