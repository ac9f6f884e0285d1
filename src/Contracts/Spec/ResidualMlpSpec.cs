using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>residual-mlp: an input projection, then blocks h ← h + F(h) of <see cref="BlockSize"/> layers.</summary>
public sealed record ResidualMlpSpec() : FeedForwardSpec(Architecture.ResidualMlp)
{
    /// <summary>Layers inside each residual block (1 or 2); depth must be 1 + a multiple of it.</summary>
    [Range(1, Limits.MaxBlockSize)]
    [Description("Layers inside each residual block F (1 or 2).")]
    public int BlockSize { get; init; } = 1;
}
