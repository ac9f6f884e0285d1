using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>
/// transformer: an encoder on sequences, PyTorch's nn.TransformerEncoder (batch first, no dropout): a linear input
/// projection plus a learned positional embedding, <see cref="ModelSpec.Depth"/> blocks of multi-head self-attention and a
/// feed-forward sublayer φ (<see cref="ModelSpec.Activation"/>) of <see cref="FeedForward"/> units, each with a residual
/// addition and layer norm in <see cref="Placement"/>, then a linear head on the last position or the mean.
/// <see cref="ModelSpec.Width"/> is d_model.
/// </summary>
public sealed record TransformerSpec : ModelSpec
{
    public TransformerSpec() : base(Architecture.Transformer)
    {
        Depth = 4;
        Width = 64;
    }

    /// <summary>Attention heads (nhead); must divide d_model.</summary>
    [Range(1, Limits.MaxHeads)]
    [Description("Attention heads; each attends with d_model / heads dimensions, so heads must divide the width.")]
    public int Heads { get; init; } = 4;

    /// <summary>Units of the feed-forward sublayer (dim_feedforward); null = 4 × d_model.</summary>
    [Range(1, Limits.MaxWidth)]
    [Description("Hidden units of each block's feed-forward sublayer (dim_feedforward). Empty = 4 × width.")]
    public int? FeedForward { get; init; }

    /// <summary>post-ln (PyTorch's default, the original transformer) or pre-ln.</summary>
    [Description("post-ln: x = norm(x + F(x)), the original transformer: the gradient near the output is large at initialisation and training needs a learning-rate warm-up (Xiong et al. 2020); pre-ln: x = x + F(norm x), an identity path through every block that trains without warm-up.")]
    public NormPlacement Placement { get; init; } = NormPlacement.PostLn;

    /// <summary>A layer norm after the last block; null = with pre-ln, without post-ln.</summary>
    [Description("A layer norm after the last block (the norm of nn.TransformerEncoder). Empty = with pre-ln (whose stream is otherwise unnormalised), without post-ln.")]
    public bool? FinalNorm { get; init; }

    /// <summary>ε in layer norm; PyTorch's default 1e-5.</summary>
    [Range(0, Limits.MaxNormEpsilon)]
    [Description("ε in the layer norms' √(σ² + ε).")]
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>Each position attends to itself and earlier ones only.</summary>
    [Description("Causal mask: each position attends only to itself and earlier positions (a decoder's self-attention).")]
    public bool Causal { get; init; }

    /// <summary>The head reads the last position or the mean over positions.</summary>
    [Description("The head reads the last position (the gradient reaches earlier ones only through attention) or the mean over positions.")]
    public ReadoutKind Readout { get; init; } = ReadoutKind.Last;

    /// <summary>Rows of the learned positional embedding (T_max); null = the data's sequence length.</summary>
    [Range(1, Limits.MaxSequenceLength)]
    [Description("Rows of the learned positional embedding; empty = the data's sequence length.")]
    public int? MaxPositions { get; init; }

    /// <summary>The feed-forward width in effect.</summary>
    public int FeedForwardWidth() => FeedForward ?? 4 * Width;

    /// <summary>Whether the final layer norm is there.</summary>
    public bool HasFinalNorm() => FinalNorm ?? Placement == NormPlacement.PreLn;
}
