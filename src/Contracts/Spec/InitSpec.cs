namespace GradientService.Contracts.Spec;

/// <summary>Weight and bias initialisation.</summary>
public sealed record InitSpec
{
    /// <summary>Scheme for every feedforward weight (and a recurrent net's input weights and read-out).</summary>
    public InitScheme Scheme { get; init; } = InitScheme.HeNormal;

    /// <summary>Gain of orthogonal init, and multiplier of the identity init.</summary>
    public double Gain { get; init; } = 1.0;

    /// <summary>Mean of the normal scheme.</summary>
    public double Mean { get; init; }

    /// <summary>Standard deviation of the normal scheme.</summary>
    public double Std { get; init; } = 0.01;

    /// <summary>Every bias starts at this constant (0 = zero init).</summary>
    public double Bias { get; init; }

    /// <summary>Recurrent nets: scheme of the recurrent matrix W_hh; null = <see cref="Scheme"/>.</summary>
    public InitScheme? RecurrentScheme { get; init; }

    /// <summary>Recurrent nets: rescale W_hh to this spectral radius (largest |eigenvalue|).</summary>
    public double? SpectralRadius { get; init; }

    /// <summary>Recurrent nets: rescale W_hh to this largest singular value σ_max.</summary>
    public double? MaxSingularValue { get; init; }
}
