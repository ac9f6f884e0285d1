namespace GradientService.Contracts.Spec;

/// <summary>The network: layer sizes, activation, normalisation, residual blocks, recurrent cell.</summary>
public sealed record ModelSpec
{
    public Architecture Architecture { get; init; } = Architecture.Mlp;

    /// <summary>Hidden layers (feedforward) or stacked recurrent layers; 1 … <see cref="Limits.MaxDepth"/>.</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Units per hidden layer (the hidden size of a recurrent layer); 1 … <see cref="Limits.MaxWidth"/>.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Explicit hidden widths, one per hidden layer; overrides <see cref="Depth"/> and <see cref="Width"/> (plain mlp only).</summary>
    public int[]? Widths { get; init; }

    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Slope of leaky-relu for z &lt; 0; PyTorch's default 0.01.</summary>
    public double LeakyReluSlope { get; init; } = 0.01;

    /// <summary>α of elu for z &lt; 0; PyTorch's default 1.</summary>
    public double EluAlpha { get; init; } = 1.0;

    public Normalization Normalization { get; init; } = Normalization.None;

    /// <summary>ε added to the variance in batch- and layer-norm; PyTorch's default 1e-5.</summary>
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>Weight of the newest batch in batch-norm's running statistics; PyTorch's default 0.1.</summary>
    public double NormMomentum { get; init; } = 0.1;

    /// <summary>Layers inside each residual block of residual-mlp (1 or 2): h ← h + F(h).</summary>
    public int BlockSize { get; init; } = 1;

    /// <summary>Recurrent nets: read-out from the last step or from every step.</summary>
    public OutputMode Output { get; init; } = OutputMode.Last;

    /// <summary>Recurrent nets: truncated BPTT length in steps; null = the full sequence.</summary>
    public int? BpttLength { get; init; }

    /// <summary>LSTM forget-gate bias at init (Gers et al. 2000 recommend 1).</summary>
    public double ForgetBias { get; init; } = 1.0;
}
