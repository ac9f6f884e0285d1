using GradientService.Contracts.Spec;

namespace GradientService.Core.Convolution;

/// <summary>
/// One entry of a cnn's layer list with every default filled in and its sizes known: what the net builds from.
/// <see cref="Channels"/> is out_channels (conv2d, residual) or out_features (linear); <see cref="Activation"/> is the
/// entry's own φ (an activation entry) or a residual block's.
/// </summary>
internal sealed record CnnEntry(CnnOp Op, FeatureMap In, FeatureMap Out)
{
    public int Channels { get; init; }
    public int Kernel { get; init; }
    public int Stride { get; init; } = 1;
    public int Padding { get; init; }
    public bool Bias { get; init; }
    public double Eps { get; init; } = CnnLayerList.DefaultEps;
    public bool Affine { get; init; } = true;
    public bool BatchNorm { get; init; } = true;
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;
    public double NegativeSlope { get; init; } = CnnLayerList.DefaultNegativeSlope;
    public double Alpha { get; init; } = CnnLayerList.DefaultAlpha;

    /// <summary>A residual block whose shortcut is a projection (1×1 conv, stride, [+ bn]) rather than the identity.</summary>
    public bool Projects => Op == CnnOp.Residual && (Stride != 1 || In.Channels != Channels);

    /// <summary>Trainable parameters of the entry.</summary>
    public long Parameters => Op switch
    {
        CnnOp.Conv2d => (long)Channels * In.Channels * Kernel * Kernel + (Bias ? Channels : 0),
        CnnOp.BatchNorm2d => Affine ? 2L * In.Channels : 0,
        CnnOp.Linear => (long)Channels * In.Size + (Bias ? Channels : 0),
        CnnOp.Residual => (long)Channels * In.Channels * Kernel * Kernel + (long)Channels * Channels * Kernel * Kernel
            + (Bias ? 2L * Channels : 0) + (BatchNorm ? 4L * Channels : 0)
            + (Projects ? (long)Channels * In.Channels + (BatchNorm ? 2L * Channels : Bias ? Channels : 0) : 0),
        _ => 0,
    };

    /// <summary>Values per example the entry keeps for the backward pass (a residual block keeps about six maps).</summary>
    public long Kept => Op == CnnOp.Residual ? 6L * Out.Size + (Projects ? 2L * Out.Size : 0) : Out.Size;

    /// <summary>The entry in the oracle's keys, every key of its type given (what an export carries).</summary>
    public CnnLayerSpec ToSpec() => Op switch
    {
        CnnOp.Conv2d => new() { Type = "conv2d", OutChannels = Channels, KernelSize = Kernel, Stride = Stride, Padding = Padding, Bias = Bias },
        CnnOp.BatchNorm2d => new() { Type = "batchnorm2d", Eps = Eps, Affine = Affine },
        CnnOp.MaxPool2d or CnnOp.AvgPool2d => new() { Type = Op == CnnOp.MaxPool2d ? "maxpool2d" : "avgpool2d", KernelSize = Kernel, Stride = Stride, Padding = Padding },
        CnnOp.GlobalAvgPool => new() { Type = "global_avgpool" },
        CnnOp.Flatten => new() { Type = "flatten" },
        CnnOp.Linear => new() { Type = "linear", OutFeatures = Channels, Bias = Bias },
        CnnOp.Residual => new()
        {
            Type = "residual", OutChannels = Channels, KernelSize = Kernel, Stride = Stride, Bias = Bias, Eps = Eps,
            Activation = CnnLayerList.NameOf(Activation),
            NegativeSlope = Activation == ActivationKind.LeakyRelu ? NegativeSlope : null,
            Alpha = Activation == ActivationKind.Elu ? Alpha : null,
            BatchNorm = BatchNorm ? null : false,
        },
        _ => new()
        {
            Type = CnnLayerList.NameOf(Activation),
            NegativeSlope = Activation == ActivationKind.LeakyRelu ? NegativeSlope : null,
            Alpha = Activation == ActivationKind.Elu ? Alpha : null,
        },
    };
}
