using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Spec;

namespace GradientService.Core.Theory;

/// <summary>
/// What mean-field theory needs of a feedforward net: φ with its parameters, σ_w², the bias (Gaussian σ_b² and/or a
/// constant b), the depth and width, and q₀ (see <see cref="Contracts.Wire.TheoryReport.InputSecondMoment"/>); and, for
/// what a batch's probes read (<see cref="BatchProfile"/>), the batch, the inputs and the read-out.
/// </summary>
public sealed record MeanFieldQuery(
    ScalarActivation Activation, double WeightVariance, double BiasVariance, int Depth, int Width, double InputSecondMoment, double BiasMean = 0)
{
    /// <summary>Largest σ_w² and σ_b² asked of the theory: (largest init gain)², far past the order–chaos boundary.</summary>
    public const double MaxVariance = Limits.MaxInitGain * Limits.MaxInitGain;

    /// <summary>Largest q₀: a feature of |x| = 10³ on average.</summary>
    public const double MaxInputSecondMoment = 1e6;

    /// <summary>Examples per step: the probes' norms are over the batch.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Features of the input (0: <see cref="Width"/>).</summary>
    public int InputWidth { get; init; }

    /// <summary>σ_w² of the first layer, fan_in·Var(W_1) (0: <see cref="WeightVariance"/>; xavier differs when the input width does).</summary>
    public double FirstWeightVariance { get; init; }

    /// <summary>The inputs' mean correlation E[x_a·x_b]/E[x·x] over pairs of examples (0 for independent zero-mean features).</summary>
    public double InputCorrelation { get; init; }

    /// <summary>The read-out and loss; null: cross-entropy over 10 balanced classes with the hidden layers' σ_w².</summary>
    public ReadoutQuery? Readout { get; init; }

    public int EffectiveInputWidth => InputWidth > 0 ? InputWidth : Width;

    public double EffectiveFirstWeightVariance => FirstWeightVariance > 0 ? FirstWeightVariance : WeightVariance;

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
        FieldCheck.Int(errors, "batch", Batch, 1, Limits.MaxBatchSize);
        FieldCheck.Real(errors, "inputCorrelation", InputCorrelation, -1, 1);
        return errors;
    }

    /// <summary>σ_w² = 0 or q₀ = 0 leaves nothing to propagate.</summary>
    private static void Positive(List<SpecError> errors, string field, double value, double max)
    {
        if (double.IsFinite(value) && value > 0 && value <= max) return;
        errors.Add(new SpecError(field, $"must be a finite number above 0 and at most {max}; got {value}."));
    }
}
