namespace GradientService.Contracts.Spec;

/// <summary>The step loop: loss, batch, budget, evaluation, seed and precision.</summary>
public sealed record TrainingSpec
{
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    public int BatchSize { get; init; } = 32;

    public int Steps { get; init; } = 1000;

    /// <summary>Evaluate on the held-out split every this many steps (and at the last step); 0 = never.</summary>
    public int EvalEvery { get; init; } = 100;

    public ulong Seed { get; init; }

    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>Recurrent nets: record the time-lag profile every this many steps (0 = never).</summary>
    public int TimeLagEvery { get; init; } = 1;
}
