using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>Weight and bias initialisation.</summary>
public sealed record InitSpec
{
    /// <summary>Scheme for every feedforward weight (and a recurrent net's input weights and read-out).</summary>
    [Description("standard U(±1/√fan_in): shrinks with depth; xavier: var 2/(fan_in+fan_out), right for tanh; he: var 2/fan_in, keeps χ = 1 for ReLU; lecun: var 1/fan_in (SELU-style); orthogonal: all singular values = gain, norm-preserving; kumar / yilmaz-poli: for logistic units; normal: N(mean, std²) as given; scaled-normal: N(0, σ_w²/fan_in), the σ_w² of mean-field theory.")]
    public InitScheme Scheme { get; init; } = InitScheme.HeNormal;

    /// <summary>Gain of orthogonal init, and multiplier of the identity init.</summary>
    [ShownWhen("init.scheme", "orthogonal", "identity")]
    [Description("Multiplier of the orthogonal and identity schemes: the per-layer gain of a linear net.")]
    public double Gain { get; init; } = 1.0;

    /// <summary>Mean of the normal scheme.</summary>
    [ShownWhen("init.scheme", "normal")]
    [Description("Mean of the normal scheme.")]
    public double Mean { get; init; }

    /// <summary>Standard deviation of the normal scheme.</summary>
    [ShownWhen("init.scheme", "normal")]
    [Description("Std of the normal scheme: too small and the signal (and gradient) dies out with depth, too large and it explodes.")]
    public double Std { get; init; } = 0.01;

    /// <summary>σ_w² of the scaled-normal scheme: W ~ N(0, σ_w²/fan_in) (Poole et al. 2016; Schoenholz et al. 2017).</summary>
    [ShownWhen("init.scheme", "scaled-normal")]
    [Range(0, Limits.MaxInitVariance)]
    [Description("σ_w² of the scaled-normal scheme, W ~ N(0, σ_w²/fan_in): 2 is he for ReLU, 1 is lecun; with σ_b² it places the net on the order–chaos phase diagram (χ₁ = 1 is the edge).")]
    public double WeightVariance { get; init; } = 1.0;

    /// <summary>σ_b²: the variance of the biases' draw (shape <see cref="BiasDistribution"/>, mean <see cref="Bias"/>); 0 = the constant <see cref="Bias"/>, nothing drawn.</summary>
    [Range(0, Limits.MaxInitVariance)]
    [Description("σ_b²: biases are drawn with mean bias and variance σ_b² for every scheme (0 = the constant bias). A larger σ_b² moves the order–chaos boundary to larger σ_w² (Schoenholz et al. 2017, Figure 1). Nielsen's books draw N(0, 1): σ_b² = 1.")]
    public double BiasVariance { get; init; }

    /// <summary>Every bias starts at this constant (0 = zero init), or is the mean of the biases' draw when <see cref="BiasVariance"/> &gt; 0.</summary>
    [Description("Every bias starts here (the mean of the draw when σ_b² > 0). σ_b > 0 moves the order–chaos boundary of mean-field theory.")]
    public double Bias { get; init; }

    /// <summary>Shape of the biases' draw when <see cref="BiasVariance"/> &gt; 0: N(bias, σ_b²) or U(bias ± √(3σ_b²)).</summary>
    [Description("Shape of the biases' draw when σ_b² > 0: normal N(bias, σ_b²), or uniform U(bias − √(3σ_b²), bias + √(3σ_b²)) (so U(a, b) is bias = (a + b)/2, σ_b² = (b − a)²/12).")]
    public BiasDistribution BiasDistribution { get; init; }

    /// <summary>Recurrent nets: scheme of the recurrent matrix W_hh; null = <see cref="Scheme"/>.</summary>
    [ShownWhen(typeof(RecurrentSpec))]
    [Description("Scheme of the recurrent matrix W_hh (empty = same as the scheme above). orthogonal or identity (IRNN) start at σ_max = gain.")]
    public InitScheme? RecurrentScheme { get; init; }

    /// <summary>Recurrent nets: rescale W_hh to this spectral radius (largest |eigenvalue|).</summary>
    [ShownWhen(typeof(RecurrentSpec))]
    [Description("Rescale W_hh to this largest |eigenvalue|. Above 1 the recurrent state (and gradient) tends to explode, below 1 to vanish.")]
    public double? SpectralRadius { get; init; }

    /// <summary>Recurrent nets: rescale W_hh to this largest singular value σ_max.</summary>
    [ShownWhen(typeof(RecurrentSpec))]
    [Description("Rescale W_hh to this σ_max. With γ = sup|φ′|, γ·σ_max < 1 guarantees vanishing gradients over time (Pascanu et al. 2013).")]
    public double? MaxSingularValue { get; init; }
}
