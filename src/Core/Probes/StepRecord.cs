namespace GradientService.Core.Probes;

/// <summary>
/// Everything measured at one training step. The trainer owns one instance and overwrites it every step (no
/// per-step allocation); an observer that keeps it must copy what it needs before the next step starts.
/// </summary>
public sealed class StepRecord(int layers, int recurrentLayers, int gates, int sequenceLength)
{
    /// <summary>1-based number of the step just taken.</summary>
    public int Step { get; set; }

    /// <summary>The training loss on this step's batch, before the update.</summary>
    public double Loss { get; set; }

    /// <summary>Share of this step's batch predicted right (classification; NaN for regression).</summary>
    public double TrainAccuracy { get; set; } = double.NaN;

    /// <summary>Loss on the held-out split when this step was an evaluation step, else NaN.</summary>
    public double TestLoss { get; set; } = double.NaN;

    /// <summary>Accuracy on the held-out split when evaluated (classification), else NaN.</summary>
    public double TestAccuracy { get; set; } = double.NaN;

    /// <summary>η used for this step's update (after the schedule).</summary>
    public double LearningRate { get; set; }

    /// <summary>‖g‖₂ over every parameter's gradient before clipping.</summary>
    public double GradNormBefore { get; set; }

    /// <summary>‖g‖₂ after clipping (equal to <see cref="GradNormBefore"/> when nothing was clipped).</summary>
    public double GradNormAfter { get; set; }

    /// <summary>The factor applied: τ/(‖g‖ + 10⁻⁶) for global-norm clipping when below 1 (PyTorch's clip_grad_norm_),
    /// the after/before norm ratio for value and per-layer clipping, 1 when nothing was clipped.</summary>
    public double ClipScale { get; set; } = 1;

    /// <summary>Per linear layer, input side first; the read-out is last.</summary>
    public LayerStats[] Layers { get; } = new LayerStats[layers];

    /// <summary>Per recurrent layer (empty for feedforward nets).</summary>
    public RecurrentStats[] Recurrent { get; } = CreateRecurrent(recurrentLayers, gates, sequenceLength);

    /// <summary>True when the time-lag profile in <see cref="Recurrent"/> was measured at this step.</summary>
    public bool HasTimeLag { get; set; }

    /// <summary>True when this step was a clipping event (scale &lt; 1).</summary>
    public bool Clipped => ClipScale < 1;

    private static RecurrentStats[] CreateRecurrent(int count, int gates, int sequenceLength)
    {
        var stats = new RecurrentStats[count];
        for (var i = 0; i < stats.Length; i++) stats[i] = new RecurrentStats(gates, sequenceLength);
        return stats;
    }
}
