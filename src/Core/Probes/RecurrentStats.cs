namespace GradientService.Core.Probes;

/// <summary>Extra probes of one recurrent layer at one step (Pascanu, Mikolov &amp; Bengio 2013).</summary>
public sealed class RecurrentStats(int gates, int sequenceLength)
{
    /// <summary>‖∂L/∂W_ih‖ restricted to each gate's block of rows (PyTorch's order: lstm i, f, g, o; gru r, z, n; rnn one block).</summary>
    public double[] InputGateGradNorms { get; } = new double[gates];

    /// <summary>‖∂L/∂W_hh‖ restricted to each gate's block of rows.</summary>
    public double[] RecurrentGateGradNorms { get; } = new double[gates];

    /// <summary>σ_max(W_hh) for a single-gate rnn (for lstm/gru: of the whole stacked W_hh), by power iteration.</summary>
    public double SigmaMax { get; set; }

    /// <summary>γ·σ_max with γ = sup|φ′| (1/4 sigmoid, 1 tanh and relu); below 1 is sufficient for vanishing.</summary>
    public double BoundFactor { get; set; }

    /// <summary>Mean forget-gate activation f over batch, units and time (lstm only; NaN otherwise).</summary>
    public double ForgetGateMean { get; set; } = double.NaN;

    /// <summary>‖∂L/∂h_t‖₂ over the batch for t = 1 … T (the total derivative); valid when <see cref="StepRecord.HasTimeLag"/>.</summary>
    public double[] TimeLag { get; } = new double[sequenceLength];
}
