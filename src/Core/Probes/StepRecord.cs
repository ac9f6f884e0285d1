using System.Runtime.CompilerServices;
using GradientService.Contracts.Metrics;

namespace GradientService.Core.Probes;

/// <summary>
/// Everything measured at one training step. The trainer owns one instance and overwrites it every step (no
/// per-step allocation); an observer that keeps it must copy what it needs before the next step starts.
/// </summary>
public sealed class StepRecord(int layers, int recurrentLayers, int gates, int sequenceLength, int outputDepths = 0)
{
    /// <summary>1-based number of the step just taken.</summary>
    public int Step { get; set; }

    /// <summary>The training loss on this step's batch, before the update.</summary>
    public double Loss { get => this[StepMetric.Loss]; set => this[StepMetric.Loss] = value; }

    /// <summary>Share of this step's batch predicted right (classification; NaN, recorded as absent, for regression).</summary>
    public double TrainAccuracy { get => this[StepMetric.TrainAccuracy]; set => this[StepMetric.TrainAccuracy] = value; }

    /// <summary>Loss on the held-out split when this step was an evaluation step, else NaN (recorded as absent).</summary>
    public double TestLoss { get => this[StepMetric.TestLoss]; set => this[StepMetric.TestLoss] = value; }

    /// <summary>Accuracy on the held-out split when evaluated (classification), else NaN (recorded as absent).</summary>
    public double TestAccuracy { get => this[StepMetric.TestAccuracy]; set => this[StepMetric.TestAccuracy] = value; }

    /// <summary>η used for this step's update (after the schedule).</summary>
    public double LearningRate { get => this[StepMetric.LearningRate]; set => this[StepMetric.LearningRate] = value; }

    /// <summary>‖g‖₂ over every parameter's gradient before clipping.</summary>
    public double GradNormBefore { get => this[StepMetric.GradNormBefore]; set => this[StepMetric.GradNormBefore] = value; }

    /// <summary>‖g‖₂ after clipping (equal to <see cref="GradNormBefore"/> when nothing was clipped).</summary>
    public double GradNormAfter { get => this[StepMetric.GradNormAfter]; set => this[StepMetric.GradNormAfter] = value; }

    /// <summary>The factor applied: τ/(‖g‖ + 10⁻⁶) for global-norm clipping when below 1 (PyTorch's clip_grad_norm_),
    /// the after/before norm ratio for value and per-layer clipping, 1 when nothing was clipped.</summary>
    public double ClipScale { get => this[StepMetric.ClipScale]; set => this[StepMetric.ClipScale] = value; }

    /// <summary>
    /// One value per <see cref="StepMetric"/>. Writing a value makes it present; a NaN written to a sparse metric
    /// (<see cref="MetricTraits.Sparse"/>: test loss between evaluations) means "not measured" and makes it absent.
    /// </summary>
    public double this[StepMetric metric]
    {
        get => _values[(int)metric];
        set
        {
            _values[(int)metric] = value;
            var bit = 1u << (int)metric;
            Absent = double.IsNaN(value) && (SparseMask & bit) != 0 ? Absent | bit : Absent & ~bit;
        }
    }

    /// <summary>Bit m set: step metric m (its ordinal) is absent at this step.</summary>
    public uint Absent { get; private set; } = SparseMask;

    public bool Has(StepMetric metric) => (Absent & (1u << (int)metric)) == 0;

    /// <summary>Marks a metric this step did not compute (present again once written).</summary>
    public void MarkAbsent(StepMetric metric) => Absent |= 1u << (int)metric;

    /// <summary>The values by ordinal (absent ones hold whatever was written last).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Per linear layer, input side first; the read-out is last.</summary>
    public LayerStats[] Layers { get; } = CreateLayers(layers);

    /// <summary>Per recurrent layer (empty for feedforward nets).</summary>
    public RecurrentStats[] Recurrent { get; } = CreateRecurrent(recurrentLayers, gates, sequenceLength);

    /// <summary>
    /// A hierarchical-softmax read-out's ‖∂L/∂W‖ over the rows of the inner nodes at each tree depth (index d − 1, root
    /// first), before clipping; empty for any other read-out.
    /// </summary>
    public double[] OutputDepthGradNorms { get; } = new double[outputDepths];

    /// <summary>True when the time-lag profile in <see cref="Recurrent"/> was measured at this step.</summary>
    public bool HasTimeLag { get; set; }

    /// <summary>Every layer's probes at float32 precision (<see cref="LayerStats.RoundToSingle"/>): what a float32 run records.</summary>
    public void RoundLayersToSingle()
    {
        foreach (ref var layer in Layers.AsSpan()) layer.RoundToSingle();
    }

    /// <summary>True when this step was a clipping event (scale &lt; 1).</summary>
    public bool Clipped => ClipScale < 1;

    private static readonly uint SparseMask = StepMetrics.Table.All.Where(m => m.Has(MetricTraits.Sparse)).Aggregate(0u, (mask, m) => mask | 1u << m.Ordinal);

    private StepValues _values = Initial();

    private static StepValues Initial()
    {
        var values = new StepValues();
        foreach (var m in StepMetrics.Table.All) if (m.Has(MetricTraits.Sparse)) values[m.Ordinal] = double.NaN;
        values[(int)StepMetric.ClipScale] = 1;
        return values;
    }

    [InlineArray(StepMetrics.Count)]
    private struct StepValues
    {
        private double _first;
    }

    // A sparse layer metric (the pretraining's reconstruction error) is absent until a method writes it.
    private static LayerStats[] CreateLayers(int count)
    {
        var layers = new LayerStats[count];
        foreach (ref var layer in layers.AsSpan())
            foreach (var m in LayerMetrics.Table.All)
                if (m.Has(MetricTraits.Sparse)) layer.MarkAbsent(m.Metric);
        return layers;
    }

    private static RecurrentStats[] CreateRecurrent(int count, int gates, int sequenceLength)
    {
        var stats = new RecurrentStats[count];
        for (var i = 0; i < stats.Length; i++) stats[i] = new RecurrentStats(gates, sequenceLength);
        return stats;
    }
}
