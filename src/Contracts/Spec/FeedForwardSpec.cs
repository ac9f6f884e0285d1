using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>mlp and residual-mlp: dense layers, optionally normalised before the activation.</summary>
public abstract record FeedForwardSpec : ModelSpec
{
    protected FeedForwardSpec(Architecture architecture) : base(architecture)
    {
    }

    [Description("batch-norm: (x − μ_B)/√(σ_B² + ε) per feature over the batch; layer-norm: the same over one example's features. Both keep pre-activations in the steep part of the activation, so saturation stays low and the gradient reaches early layers.")]
    public Normalization Normalization { get; init; } = Normalization.None;

    /// <summary>ε added to the variance in batch- and layer-norm; PyTorch's default 1e-5.</summary>
    [Range(0, Limits.MaxNormEpsilon)]
    [ShownWhen("model.normalization", "batch-norm", "layer-norm")]
    [Description("ε in √(σ² + ε): keeps the division finite for features with tiny variance.")]
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>Weight of the newest batch in batch-norm's running statistics; PyTorch's default 0.1.</summary>
    [Range(0, 1)]
    [ShownWhen("model.normalization", "batch-norm")]
    [Description("Weight of the newest batch in batch norm's running statistics (used for evaluation).")]
    public double NormMomentum { get; init; } = 0.1;

    /// <summary>The width of each hidden layer, input side first: depth × width.</summary>
    public virtual int[] HiddenWidths() => Enumerable.Repeat(Width, Depth).ToArray();
}
