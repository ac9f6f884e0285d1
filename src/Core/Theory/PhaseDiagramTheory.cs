using GradientService.Contracts.Schema;
using GradientService.Contracts.Wire;

namespace GradientService.Core.Theory;

/// <summary>
/// The order-to-chaos phase diagram of a feedforward net at initialisation (Poole et al. 2016; Schoenholz et al., ICLR 2017,
/// Figure 1): for each σ_b² the σ_w² where χ₁ at q* crosses 1 (below it gradients vanish with depth, above it they explode
/// and nearby inputs decorrelate), and the depth 6·ξ_c beyond which Schoenholz et al. (Figure 5) find nets no longer train.
/// </summary>
public static class PhaseDiagramTheory
{
    /// <summary>Bisection steps on σ_w²: the line is placed to 2⁻²⁴ (6e-8) of the σ_w² range.</summary>
    private const int BisectionSteps = 24;

    /// <summary>6·ξ_c: the trainable depth of Schoenholz et al. 2017 (Figure 5: nets deeper than it do not train).</summary>
    public const double TrainableDepthsPerCorrelationDepth = 6;

    /// <summary>The diagram over <paramref name="query"/>'s plane (call <see cref="PhaseQuery.Validate"/> first).</summary>
    public static PhaseDiagram Build(PhaseQuery query, int weightVarianceAxis = 0, int biasVarianceAxis = 1)
    {
        var phi = query.Activation;
        var weights = Steps(query.WeightVarianceMin, query.WeightVarianceMax, query.Points);
        var biases = Steps(query.BiasVarianceMin, query.BiasVarianceMax, query.Points);
        var line = new List<PhasePoint>();
        foreach (var sb in biases)
            if (CriticalWeightVariance(phi, sb, query.WeightVarianceMin, query.WeightVarianceMax) is { } sw) line.Add(new PhasePoint(sb, sw));
        var depths = weights.Select(sw => (IReadOnlyList<double?>)[.. biases.Select(sb =>
            MeanField.AtFixedPoint(phi, sw, sb).CorrelationDepth * TrainableDepthsPerCorrelationDepth)]).ToList();
        return new PhaseDiagram(weightVarianceAxis, biasVarianceAxis, WireNames.Of(phi.Kind), query.Depth, line, weights, biases, depths);
    }

    /// <summary>
    /// The σ_w² in [<paramref name="min"/>, <paramref name="max"/>] where χ₁ at q* equals 1 for biases N(0, σ_b²), by
    /// bisection on the sign of χ₁ − 1 (χ₁ grows with σ_w²); null when χ₁ − 1 has the same sign at both ends.
    /// </summary>
    public static double? CriticalWeightVariance(ScalarActivation phi, double sb, double min, double max)
    {
        bool Chaotic(double sw) => MeanField.ChiAtFixedPoint(phi, sw, sb) > 1;
        if (Chaotic(min) || !Chaotic(max)) return null;
        var (lo, hi) = (min, max);
        for (var i = 0; i < BisectionSteps; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Chaotic(mid)) hi = mid; else lo = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="min"/> to <paramref name="max"/> (one when they are equal).</summary>
    private static double[] Steps(double min, double max, int count) => min == max
        ? [min]
        : [.. Enumerable.Range(0, count).Select(i => i == count - 1 ? max : min + (max - min) * i / (count - 1))];
}
