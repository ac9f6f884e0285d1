namespace GradientService.Core.Probes;

/// <summary>
/// One layer's probes at one training step. Layer l = 1 … L counts the network's linear layers from the input
/// (the read-out is the last); all norms are L2 (Frobenius) over the whole tensor, summed in float64.
/// </summary>
public struct LayerStats
{
    /// <summary>‖∂L/∂W_l‖₂ before clipping: the gradient of the batch loss with respect to the weights.</summary>
    public double WeightGradNorm;

    /// <summary>‖∂L/∂b_l‖₂ before clipping (the layer's "learning speed" in Nielsen's sense).</summary>
    public double BiasGradNorm;

    /// <summary>‖δ_l‖₂ = ‖∂L/∂z_l‖₂ over the [batch, units] matrix, where z_l = W_l h_{l−1} + b_l is the pre-activation (before normalisation).</summary>
    public double PreactivationGradNorm;

    /// <summary>‖W_l‖₂ of the weights that produced this step's gradient (before the update).</summary>
    public double WeightNorm;

    /// <summary>‖ΔW_l‖₂ / ‖W_l‖₂: the size of this step's update relative to the weights (0 when ‖W_l‖ = 0).</summary>
    public double UpdateRatio;

    /// <summary>Mean of the layer's output activations φ(·) over the batch and units (the read-out: of its logits).</summary>
    public double ActivationMean;

    /// <summary>Population standard deviation of the same entries.</summary>
    public double ActivationStd;

    /// <summary>
    /// Share of the [batch, units] entries whose slope φ′ is below 5% of the activation's largest slope: sigmoid/tanh
    /// in their flat tails, relu at z ≤ 0, leaky-relu at z &lt; 0 when its slope is under 5%, elu/gelu/silu deep in
    /// their negative tails; never for identity or the read-out.
    /// </summary>
    public double SaturationFraction;

    /// <summary>Share of units whose output φ(·) is exactly 0 for every example of the batch (dead relu units).</summary>
    public double DeadFraction;

    /// <summary>Entries of ∂L/∂W_l, ∂L/∂b_l (and normalisation gradients) that are NaN or ±∞.</summary>
    public int NonFiniteGradCount;

    /// <summary>Sets <see cref="ActivationMean"/> and <see cref="ActivationStd"/> from Σx and Σx² over <paramref name="count"/> entries.</summary>
    public void SetActivationMoments(double sum, double sumOfSquares, double count)
    {
        ActivationMean = sum / count;
        ActivationStd = Math.Sqrt(Math.Max(0, sumOfSquares / count - ActivationMean * ActivationMean));
    }
}
