using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Spec;

namespace GradientService.Core.Theory;

/// <summary>
/// The σ_w² × σ_b² plane of a feedforward net with activation φ at a depth: the rectangle [σ_w² min, max] × [σ_b² min, max]
/// sampled at <see cref="Points"/> values per side.
/// </summary>
public sealed record PhaseQuery(
    ScalarActivation Activation, int Depth, double WeightVarianceMin, double WeightVarianceMax, double BiasVarianceMin, double BiasVarianceMax,
    int Points = PhaseQuery.DefaultPoints)
{
    /// <summary>Values per side when the caller does not say: 9 × 9 cells of ξ_c (each a fixed point and, when chaotic, 2-D integrals).</summary>
    public const int DefaultPoints = 9;

    /// <summary>Most values per side: 21 × 21 = 441 fixed points and, in the chaotic phase, correlation maps (2-D integrals).</summary>
    public const int MaxPoints = 21;

    /// <summary>Every bad field, named as the phase endpoint's query parameters.</summary>
    public IReadOnlyList<SpecError> Validate()
    {
        var errors = new List<SpecError>();
        FieldCheck.Int(errors, "depth", Depth, 1, Limits.MaxDepth);
        FieldCheck.Int(errors, "points", Points, 2, MaxPoints);
        if (!(WeightVarianceMin > 0 && WeightVarianceMin <= MeanFieldQuery.MaxVariance))
            errors.Add(new SpecError("weightVarianceMin", $"must be a finite number above 0 and at most {MeanFieldQuery.MaxVariance}; got {WeightVarianceMin}."));
        if (FieldCheck.Real(errors, "weightVarianceMax", WeightVarianceMax, 0, MeanFieldQuery.MaxVariance) && !(WeightVarianceMax > WeightVarianceMin))
            errors.Add(new SpecError("weightVarianceMax", $"must be above weightVarianceMin ({WeightVarianceMin}); got {WeightVarianceMax}."));
        FieldCheck.Real(errors, "biasVarianceMin", BiasVarianceMin, 0, MeanFieldQuery.MaxVariance);
        if (FieldCheck.Real(errors, "biasVarianceMax", BiasVarianceMax, 0, MeanFieldQuery.MaxVariance) && BiasVarianceMax < BiasVarianceMin)
            errors.Add(new SpecError("biasVarianceMax", $"must be at least biasVarianceMin ({BiasVarianceMin}); got {BiasVarianceMax}."));
        FieldCheck.Real(errors, "leakySlope", Activation.LeakySlope, 0, Limits.MaxLeakyReluSlope);
        FieldCheck.Real(errors, "eluAlpha", Activation.EluAlpha, 0, Limits.MaxEluAlpha);
        return errors;
    }
}
