using System.Runtime.CompilerServices;
using GradientService.Contracts.Metrics;

namespace GradientService.Core.Probes;

/// <summary>
/// One layer's probes at one training step, one value per <see cref="LayerMetric"/> (meanings in <see cref="LayerMetrics"/>),
/// held inline so the record is copied and reused without allocation. A metric is present once written at this step;
/// one a step does not compute (a frozen layer, a step without gradients) is marked with <see cref="MarkAbsent"/> and
/// stays absent, distinct from NaN and 0, until it is written again.
/// </summary>
public struct LayerStats
{
    private LayerValues _values;

    /// <summary>Bit m set: metric m (its ordinal) is absent at this step.</summary>
    public uint Absent { readonly get; private set; }

    public double this[LayerMetric metric]
    {
        readonly get => _values[(int)metric];
        set
        {
            _values[(int)metric] = value;
            Absent &= ~(1u << (int)metric);
        }
    }

    public readonly bool Has(LayerMetric metric) => (Absent & (1u << (int)metric)) == 0;

    public void MarkAbsent(LayerMetric metric) => Absent |= 1u << (int)metric;

    /// <summary>‖∂L/∂W_l‖₂ before clipping.</summary>
    public double WeightGradNorm { readonly get => this[LayerMetric.WeightGradNorm]; set => this[LayerMetric.WeightGradNorm] = value; }

    /// <summary>‖∂L/∂b_l‖₂ before clipping.</summary>
    public double BiasGradNorm { readonly get => this[LayerMetric.BiasGradNorm]; set => this[LayerMetric.BiasGradNorm] = value; }

    /// <summary>‖δ_l‖₂ = ‖∂L/∂z_l‖₂ over the [batch, units] matrix.</summary>
    public double PreactivationGradNorm { readonly get => this[LayerMetric.DeltaNorm]; set => this[LayerMetric.DeltaNorm] = value; }

    /// <summary>‖W_l‖₂ before the update.</summary>
    public double WeightNorm { readonly get => this[LayerMetric.WeightNorm]; set => this[LayerMetric.WeightNorm] = value; }

    /// <summary>‖ΔW_l‖₂ / ‖W_l‖₂ (0 when ‖W_l‖ = 0).</summary>
    public double UpdateRatio { readonly get => this[LayerMetric.UpdateRatio]; set => this[LayerMetric.UpdateRatio] = value; }

    public double ActivationMean { readonly get => this[LayerMetric.ActivationMean]; set => this[LayerMetric.ActivationMean] = value; }

    public double ActivationStd { readonly get => this[LayerMetric.ActivationStd]; set => this[LayerMetric.ActivationStd] = value; }

    /// <summary>
    /// Share of the [batch, units] entries whose slope φ′ is below 5% of the activation's largest slope: sigmoid/tanh
    /// in their flat tails, relu at z ≤ 0, leaky-relu at z &lt; 0 when its slope is under 5%, elu/gelu/silu deep in
    /// their negative tails; never for identity or the read-out.
    /// </summary>
    public double SaturationFraction { readonly get => this[LayerMetric.Saturation]; set => this[LayerMetric.Saturation] = value; }

    public double DeadFraction { readonly get => this[LayerMetric.DeadFraction]; set => this[LayerMetric.DeadFraction] = value; }

    /// <summary>Entries of ∂L/∂W_l, ∂L/∂b_l (and normalisation gradients) that are NaN or ±∞.</summary>
    public int NonFiniteGradCount { readonly get => (int)this[LayerMetric.NonFiniteCount]; set => this[LayerMetric.NonFiniteCount] = value; }

    /// <summary>Greedy layer-wise pretraining: the layer's reconstruction error on this step's batch (absent otherwise).</summary>
    public double ReconstructionError { readonly get => this[LayerMetric.ReconstructionError]; set => this[LayerMetric.ReconstructionError] = value; }

    /// <summary>‖∂L/∂ output‖ of a layer, block or sublayer (cnn, transformer; absent otherwise).</summary>
    public double OutputGradNorm { readonly get => this[LayerMetric.OutputGradNorm]; set => this[LayerMetric.OutputGradNorm] = value; }

    /// <summary>The part of ∂L/∂x at a residual block's input that came through its branch (absent for other rows).</summary>
    public double BranchGradNorm { readonly get => this[LayerMetric.BranchGradNorm]; set => this[LayerMetric.BranchGradNorm] = value; }

    /// <summary>The part of ∂L/∂x at a residual block's input that came through its shortcut (absent for other rows).</summary>
    public double SkipGradNorm { readonly get => this[LayerMetric.SkipGradNorm]; set => this[LayerMetric.SkipGradNorm] = value; }

    /// <summary>A transformer attention sublayer's mean attention entropy in nats (absent for other rows).</summary>
    public double AttentionEntropy { readonly get => this[LayerMetric.AttentionEntropy]; set => this[LayerMetric.AttentionEntropy] = value; }

    /// <summary>
    /// Marks absent what only a layer's training gradients give (‖∂L/∂W_l‖, ‖∂L/∂b_l‖, the update ratio, the non-finite
    /// count): a frozen layer, or a step that ran no backward pass. Its forward probes and ‖W_l‖ stay.
    /// </summary>
    public void MarkGradientsAbsent()
    {
        MarkAbsent(LayerMetric.WeightGradNorm);
        MarkAbsent(LayerMetric.BiasGradNorm);
        MarkAbsent(LayerMetric.UpdateRatio);
        MarkAbsent(LayerMetric.NonFiniteCount);
    }

    /// <summary>
    /// A float32 run's probes at float32 precision: each present value in float32's normal range becomes the nearest
    /// float32 (a relative change ≤ 6e-8, below the precision of the gradients it summarises), so the store keeps it in
    /// 4 bytes losslessly; 0, NaN and ±∞ are kept, and a value outside float32's normal range stays as it is.
    /// </summary>
    public void RoundToSingle()
    {
        for (var m = 0; m < LayerMetrics.Count; m++)
        {
            if ((Absent & (1u << m)) != 0) continue;
            var rounded = (float)_values[m];
            if (float.IsNormal(rounded)) _values[m] = rounded;
        }
    }

    /// <summary>Sets <see cref="ActivationMean"/> and <see cref="ActivationStd"/> from Σx and Σx² over <paramref name="count"/> entries.</summary>
    public void SetActivationMoments(double sum, double sumOfSquares, double count)
    {
        var mean = sum / count;
        ActivationMean = mean;
        ActivationStd = Math.Sqrt(Math.Max(0, sumOfSquares / count - mean * mean));
    }

    [InlineArray(LayerMetrics.Count)]
    private struct LayerValues
    {
        private double _first;
    }
}
