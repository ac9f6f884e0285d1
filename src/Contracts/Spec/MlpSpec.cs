using System.ComponentModel;

namespace GradientService.Contracts.Spec;

/// <summary>mlp: a plain stack of dense layers.</summary>
public sealed record MlpSpec() : FeedForwardSpec(Architecture.Mlp)
{
    /// <summary>Explicit hidden widths, one per hidden layer; overrides <see cref="ModelSpec.Depth"/> and <see cref="ModelSpec.Width"/>.</summary>
    [Description("Explicit widths per hidden layer, comma-separated; overrides depth and width.")]
    public int[]? Widths { get; init; }

    /// <summary>The explicit <see cref="Widths"/> when given, else depth × width.</summary>
    public override int[] HiddenWidths() => Widths is { Length: > 0 } widths ? widths : base.HiddenWidths();
}
