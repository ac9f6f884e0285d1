namespace GradientService.Contracts.Metrics;

/// <summary>
/// The per-layer probes: the one table the engine's record, the stored chunks, the rollups, the hub frames, the CSV
/// export, the Api's documentation and the dashboard follow. Layer l = 1 … L counts the linear layers from the input
/// (the read-out is last); norms are L2 (Frobenius) over the whole tensor, summed in float64. Listed in the order the
/// dashboard offers them. To add a metric: a value in <see cref="LayerMetric"/> (the next free number), a row here,
/// <see cref="Count"/> + 1, and its probe in the engine.
/// </summary>
public static class LayerMetrics
{
    public const int Count = 15;

    public static readonly MetricTable<LayerMetric> Table = new(Count,
        new(LayerMetric.WeightGradNorm, "weightGradNorm", "‖∂L/∂W_l‖ (Frobenius)",
            "How large the weight gradient of each layer is, before clipping: a fade towards the input is vanishing, growth is exploding.",
            MetricTraits.Gradient),
        new(LayerMetric.DeltaNorm, "deltaNorm", "‖δ_l‖ = ‖∂L/∂z_l‖",
            "The backpropagated error at each layer's pre-activation z_l = W_l h_{l−1} + b_l (before normalisation), over the batch: the signal the chain rule carries down.",
            MetricTraits.Gradient),
        new(LayerMetric.BiasGradNorm, "biasGradNorm", "‖∂L/∂b_l‖",
            "The bias gradient before clipping: the per-layer learning speed of Nielsen's experiment.",
            MetricTraits.Gradient),
        new(LayerMetric.UpdateRatio, "updateRatio", "‖ΔW_l‖ / ‖W_l‖",
            "How much each step changes the weights, relative to their size (about 1e-3 is healthy; 0 when ‖W_l‖ = 0)."),
        new(LayerMetric.Saturation, "saturation", "saturated share of units",
            "Share of the [batch, units] entries in an activation's flat tails, where φ′ is below 5% of its largest slope and the gradient stops (never for identity or the read-out)."),
        new(LayerMetric.DeadFraction, "deadFraction", "dead share of units (φ′ = 0)",
            "Share of units whose output is exactly 0 for the whole batch (dead ReLUs)."),
        new(LayerMetric.ActivationStd, "activationStd", "std of h_l",
            "Population standard deviation of each layer's output activations over the batch and units: it shrinks or grows with depth like the gradient."),
        new(LayerMetric.WeightNorm, "weightNorm", "‖W_l‖ (Frobenius)",
            "Size of each layer's weights that produced this step's gradient (before the update)."),
        new(LayerMetric.ActivationMean, "activationMean", "mean of h_l",
            "Mean of each layer's output activations over the batch and units (the read-out: of its logits).",
            MetricTraits.NotCharted),
        new(LayerMetric.NonFiniteCount, "nonFiniteCount", "non-finite gradient entries",
            "Entries of ∂L/∂W_l, ∂L/∂b_l (and normalisation gradients) that are NaN or ±∞.",
            MetricTraits.NotCharted),
        new(LayerMetric.ReconstructionError, "reconstructionError", "reconstruction error",
            "Greedy layer-wise pretraining: the mean squared error with which the layer being pretrained (an autoencoder, or an RBM's one-step reconstruction) reproduces its input on this step's batch; absent on other layers and steps.",
            MetricTraits.Sparse),
        new(LayerMetric.OutputGradNorm, "outputGradNorm", "‖∂L/∂ output‖",
            "Convolutional nets and transformers: the gradient reaching the output of a layer, residual block or sublayer (after its activation; a transformer sublayer's output before the residual addition); absent for the dense and recurrent nets, whose ‖δ_l‖ says the same.",
            MetricTraits.Gradient | MetricTraits.Sparse),
        new(LayerMetric.BranchGradNorm, "branchGradNorm", "‖∂L/∂x‖ via the residual branch",
            "Residual blocks and transformer sublayers: the part of the gradient at the block's input x that came back through the branch F(x); beside the skip path's part it shows which path carries the gradient.",
            MetricTraits.Gradient | MetricTraits.Sparse),
        new(LayerMetric.SkipGradNorm, "skipGradNorm", "‖∂L/∂x‖ via the skip path",
            "Residual blocks and transformer sublayers: the part of the gradient at the block's input x that came back through the identity (or projection) shortcut.",
            MetricTraits.Gradient | MetricTraits.Sparse),
        new(LayerMetric.AttentionEntropy, "attentionEntropy", "attention entropy (nats)",
            "Transformer attention sublayers: the mean over batch, heads and query positions of −Σ_j p_j ln p_j; near 0 the attention has collapsed onto one token, at ln T it is uniform.",
            MetricTraits.Sparse));

    /// <summary>The metrics the dashboard offers, in the table's order.</summary>
    public static readonly IReadOnlyList<MetricInfo<LayerMetric>> Charted = [.. Table.All.Where(m => !m.Has(MetricTraits.NotCharted))];
}
