namespace GradientService.Contracts.Spec;

/// <summary>A complete training job: the one record the engine runs and the Api accepts.</summary>
public sealed record RunSpec
{
    /// <summary>Free text shown in lists; at most <see cref="Limits.MaxNameLength"/> characters.</summary>
    public string? Name { get; init; }

    public ModelSpec Model { get; init; } = new MlpSpec();

    public InitSpec Init { get; init; } = new();

    public DataSpec Data { get; init; } = new();

    public OptimizerSpec Optimizer { get; init; } = new();

    public ClippingSpec Clipping { get; init; } = new();

    public TrainingSpec Training { get; init; } = new();
}
