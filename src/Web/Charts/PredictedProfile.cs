using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Web.Charts;

/// <summary>
/// The depth profiles the theory expects the probes to read at step 1 (‖δ_l‖ and ‖∂L/∂W_l‖ over the batch at the run's
/// width): norm_l = norm_D · 10^(expected log₁₀ ratio), anchored at the last hidden layer's measured norm (the theory
/// predicts ratios, not the loss's scale).
/// </summary>
public static class PredictedProfile
{
    /// <summary>The fields with a predicted line, in the order the chart draws them.</summary>
    public static readonly IReadOnlyList<LayerMetric> Fields = [LayerMetric.DeltaNorm, LayerMetric.WeightGradNorm];

    /// <summary>The first caveat of <paramref name="report"/> that voids its lines, or null when they stand.</summary>
    public static TheoryCaveat? VoidedBy(TheoryReport report) => report.Caveats.FirstOrDefault(c => c.Voids);

    /// <summary>
    /// The predicted <paramref name="field"/> of layers 1 … D (x, y), or null when the lines are void, the field has no
    /// prediction (for this net), or the anchor is not a positive finite number.
    /// </summary>
    public static (double[] Layers, double[] Norms)? Of(TheoryReport report, LayerMetric field, double measuredLast)
    {
        if (VoidedBy(report) is not null || !Fields.Contains(field) || !(measuredLast > 0) || double.IsInfinity(measuredLast)) return null;
        if (field == LayerMetric.WeightGradNorm && report.Layers.Any(l => l.ExpectedLog10WeightGradRatio is null)) return null;
        var layers = new double[report.Layers.Count];
        var norms = new double[report.Layers.Count];
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = report.Layers[i];
            layers[i] = layer.Layer;
            norms[i] = measuredLast * Math.Pow(10, field == LayerMetric.DeltaNorm ? layer.ExpectedLog10DeltaRatio : layer.ExpectedLog10WeightGradRatio!.Value);
        }
        return (layers, norms);
    }
}
