using GradientService.Contracts.Wire;

namespace GradientService.Web.Charts;

/// <summary>
/// The depth profile mean-field theory predicts at step 1: ‖δ_l‖ = ‖δ_D‖ · 10^(log₁₀(‖δ_l‖/‖δ_D‖)), anchored at the
/// measured ‖δ_D‖ of the last hidden layer (the theory predicts ratios, not the loss's scale).
/// </summary>
public static class PredictedProfile
{
    /// <summary>The first caveat of <paramref name="report"/> that voids its line, or null when the line stands.</summary>
    public static TheoryCaveat? VoidedBy(TheoryReport report) => report.Caveats.FirstOrDefault(c => c.Voids);

    /// <summary>Predicted ‖δ_l‖ of layers 1 … D (x, y), or null when the line is void or the anchor is not a positive finite number.</summary>
    public static (double[] Layers, double[] Norms)? Of(TheoryReport report, double measuredLastDelta)
    {
        if (VoidedBy(report) is not null || !(measuredLastDelta > 0) || double.IsInfinity(measuredLastDelta)) return null;
        var layers = new double[report.Layers.Count];
        var norms = new double[report.Layers.Count];
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = report.Layers[i].Layer;
            norms[i] = measuredLastDelta * Math.Pow(10, report.Layers[i].Log10DeltaRatio);
        }
        return (layers, norms);
    }
}
