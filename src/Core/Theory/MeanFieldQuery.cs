using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Spec;

namespace GradientService.Core.Theory;

/// <summary>
/// What mean-field theory needs of a feedforward net: φ with its parameters, σ_w², the bias (Gaussian σ_b² and/or a
/// constant b), the depth and width, and q₀ (see <see cref="Contracts.Wire.TheoryReport.InputSecondMoment"/>).
/// </summary>
public sealed record MeanFieldQuery(
    ScalarActivation Activation, double WeightVariance, double BiasVariance, int Depth, int Width, double InputSecondMoment, double BiasMean = 0)
{
    /// <summary>Largest σ_w² and σ_b² asked of the theory: (largest init gain)², far past the order–chaos boundary.</summary>
    public const double MaxVariance = Limits.MaxInitGain * Limits.MaxInitGain;

    /// <summary>Largest q₀: a feature of |x| = 10³ on average.</summary>
    public const double MaxInputSecondMoment = 1e6;

    /// <summary>Every out-of-range field, named as the theory endpoint's query parameters.</summary>
    public IReadOnlyList<SpecError> Validate()
    {
        var errors = new List<SpecError>();
        FieldCheck.Int(errors, "depth", Depth, 1, Limits.MaxDepth);
        FieldCheck.Int(errors, "width", Width, 1, Limits.MaxWidth);
        Positive(errors, "weightVariance", WeightVariance, MaxVariance);
        FieldCheck.Real(errors, "biasVariance", BiasVariance, 0, MaxVariance);
        FieldCheck.Real(errors, "biasMean", BiasMean, -Limits.MaxInitOffset, Limits.MaxInitOffset);
        Positive(errors, "inputSecondMoment", InputSecondMoment, MaxInputSecondMoment);
        FieldCheck.Real(errors, "leakySlope", Activation.LeakySlope, 0, Limits.MaxLeakyReluSlope);
        FieldCheck.Real(errors, "eluAlpha", Activation.EluAlpha, 0, Limits.MaxEluAlpha);
        return errors;
    }

    /// <summary>σ_w² = 0 or q₀ = 0 leaves nothing to propagate.</summary>
    private static void Positive(List<SpecError> errors, string field, double value, double max)
    {
        if (double.IsFinite(value) && value > 0 && value <= max) return;
        errors.Add(new SpecError(field, $"must be a finite number above 0 and at most {max}; got {value}."));
    }
}
