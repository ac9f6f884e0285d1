using GradientService.Contracts.Schema;
using GradientService.Core.Convolution;
using GradientService.Core.Data;
using GradientService.Core.Spec;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>One row of the engine benchmark: a net, a fixed random batch (x ~ N(0, 1), labels uniform over 10 classes), SGD.</summary>
public sealed record EngineConfig(string Name, Architecture Architecture, ActivationKind Activation, int Depth, int Width, int Batch, int Inputs = 0, int Steps = 1,
    Normalization Normalization = Normalization.None, NormPlacement? Placement = null, CnnSpec? Cnn = null)
{
    public const int Classes = 10;

    /// <summary>The matrix: feedforward (issue 3) and recurrent (issue 4) rows, the oracle's names.</summary>
    public static IReadOnlyList<EngineConfig> Matrix { get; } =
    [
        new("mlp tanh D10 W64 B32", Architecture.Mlp, ActivationKind.Tanh, 10, 64, 32),
        new("mlp sigmoid D20 W128 B64", Architecture.Mlp, ActivationKind.Sigmoid, 20, 128, 64),
        new("mlp relu D50 W256 B64", Architecture.Mlp, ActivationKind.Relu, 50, 256, 64),
        new("mlp relu D20 W512 B128", Architecture.Mlp, ActivationKind.Relu, 20, 512, 128),
        new("mlp relu D8 W1024 B256", Architecture.Mlp, ActivationKind.Relu, 8, 1024, 256),
        new("rnn tanh H128 I8 T100 B32", Architecture.Rnn, ActivationKind.Tanh, 1, 128, 32, 8, 100),
        new("lstm H128 I8 T100 B32", Architecture.Lstm, ActivationKind.Tanh, 1, 128, 32, 8, 100),
        new("gru H128 I8 T100 B32", Architecture.Gru, ActivationKind.Tanh, 1, 128, 32, 8, 100),
        new("transformer pre-LN L4 D64 H4 T32 B32", Architecture.Transformer, ActivationKind.Gelu, 4, 64, 32, 8, 32, Placement: NormPlacement.PreLn),
        new("transformer post-LN L4 D64 H4 T32 B32", Architecture.Transformer, ActivationKind.Gelu, 4, 64, 32, 8, 32, Placement: NormPlacement.PostLn),
        new("cnn plain D6 C16 B64", Architecture.Cnn, ActivationKind.Relu, 6, 16, 64, Cnn: PlainCnn()),
        new("resnet D8 C16 B64", Architecture.Cnn, ActivationKind.Relu, 8, 16, 64,
            Cnn: new CnnSpec { Block = CnnBlock.Residual, Depth = 16, Width = 16, Stages = 1, KernelSize = 3, Normalization = Normalization.BatchNorm }),
    ];

    /// <summary>The images of the conv nets: the digits' size, [B, 1, 28, 28].</summary>
    public static readonly ImageShape Image = new(1, 28, 28);

    /// <summary>The oracle's plain cnn: six 3×3 convs of 16 channels (padding 1, bias) + relu, a 2×2 max pool after the 2nd and 4th, global average pooling, linear.</summary>
    private static CnnSpec PlainCnn()
    {
        CnnLayerSpec Conv() => new() { Type = "conv2d", OutChannels = 16, KernelSize = 3, Padding = 1 };
        CnnLayerSpec Relu() => new() { Type = "relu" };
        CnnLayerSpec Pool() => new() { Type = "maxpool2d", KernelSize = 2 };
        return new CnnSpec
        {
            Layers = [Conv(), Relu(), Conv(), Relu(), Pool(), Conv(), Relu(), Conv(), Relu(), Pool(), Conv(), Relu(), Conv(), Relu(),
                new() { Type = "global_avgpool" }, new() { Type = "linear", OutFeatures = Classes }],
        };
    }

    /// <summary>The oracle's sweep: relu, batch 64; depth 10…80 at width 256, then width 64…1024 at depth 10 (D10 W256 is shared).</summary>
    public static IReadOnlyList<EngineConfig> Sweep { get; } =
    [
        .. new[] { 10, 20, 40, 80 }.Select(d => new EngineConfig($"sweep relu D{d} W256 B64", Architecture.Mlp, ActivationKind.Relu, d, 256, 64)),
        .. new[] { 64, 128, 512, 1024 }.Select(w => new EngineConfig($"sweep relu D10 W{w} B64", Architecture.Mlp, ActivationKind.Relu, 10, w, 64)),
    ];

    /// <summary>`--norms`: the cost of normalisation on one mid-size net (not in the oracle's matrix).</summary>
    public static IReadOnlyList<EngineConfig> Norms { get; } =
    [
        new("norms relu D20 W256 B64 none", Architecture.Mlp, ActivationKind.Relu, 20, 256, 64),
        new("norms relu D20 W256 B64 batch-norm", Architecture.Mlp, ActivationKind.Relu, 20, 256, 64, Normalization: Normalization.BatchNorm),
        new("norms relu D20 W256 B64 layer-norm", Architecture.Mlp, ActivationKind.Relu, 20, 256, 64, Normalization: Normalization.LayerNorm),
    ];

    public bool IsRecurrent => Architecture is Architecture.Rnn or Architecture.Lstm or Architecture.Gru;

    /// <summary>The oracle's transformer rows: 4 heads, ff 4·E, read-out on the last position, not causal (pre-LN with a final norm).</summary>
    public bool IsTransformer => Architecture == Architecture.Transformer;

    /// <summary>Sequence data: recurrent nets and transformers.</summary>
    public bool IsSequence => IsRecurrent || IsTransformer;

    /// <summary>Nominal FLOPs of one step: 6·B·Σ fan_in·fan_out (forward, and two products backward); conv nets 6·B·(the
    /// multiply-adds of the convolutions and linear layers), as the oracle counts.</summary>
    public double FlopsPerStep
    {
        get
        {
            if (IsTransformer)
                return 6.0 * Batch * ((double)Steps * Inputs * Width
                    + Depth * ((double)Steps * (4.0 * Width * Width + 2.0 * Width * 4 * Width) + 2.0 * Steps * Steps * Width) + Width * Classes);
            if (Cnn is not null) return 6.0 * Batch * CnnMultiplyAdds();
            if (!IsRecurrent) return 6.0 * Batch * ((double)Depth * Width * Width + (double)Width * Classes);
            var gates = Architecture switch { Architecture.Lstm => 4, Architecture.Gru => 3, _ => 1 };
            return 6.0 * Batch * ((double)Steps * gates * (Inputs * Width + Width * Width) + Width * Classes);
        }
    }

    private double CnnMultiplyAdds()
    {
        var entries = CnnLayerList.Resolve(CnnLayerList.Of(Cnn!, Classes), Image, Classes, new SpecErrorList())!;
        double Conv(int inChannels, int outChannels, int k, FeatureMap output) => (double)inChannels * outChannels * k * k * output.Area;
        return entries.Sum(e => e.Op switch
        {
            CnnOp.Conv2d => Conv(e.In.Channels, e.Channels, e.Kernel, e.Out),
            CnnOp.Linear => (double)e.In.Size * e.Channels,
            CnnOp.Residual => Conv(e.In.Channels, e.Channels, e.Kernel, e.Out) + Conv(e.Channels, e.Channels, e.Kernel, e.Out) + (e.Projects ? Conv(e.In.Channels, e.Channels, 1, e.Out) : 0),
            _ => 0,
        });
    }

    public RunSpec Spec(Precision precision) => new()
    {
        Name = Name,
        Model = IsTransformer
            ? new TransformerSpec { Activation = Activation, Depth = Depth, Width = Width, Heads = 4, Placement = Placement ?? NormPlacement.PostLn }
            : Cnn ?? (IsRecurrent
                ? SpecSchema.NewModel(Architecture) with { Activation = Activation, Depth = Depth, Width = Width }
                : new MlpSpec { Activation = Activation, Depth = Depth, Width = Width, Normalization = Normalization }),
        Init = new InitSpec
        {
            Scheme = IsTransformer ? InitScheme.XavierUniform : Activation == ActivationKind.Relu ? InitScheme.HeNormal : InitScheme.XavierNormal,
        },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.01 },
        Training = new TrainingSpec { BatchSize = Batch, Steps = int.MaxValue, EvalEvery = 0, Precision = precision, Seed = 1 },
    };

    /// <summary>Exactly one batch of random examples, so every step sees the same batch.</summary>
    public Dataset Data()
    {
        var rng = new Rng(1);
        var inputs = IsSequence ? Inputs : Cnn is not null ? Image.Features : Width;
        var features = new double[Batch * Steps * inputs];
        for (var i = 0; i < features.Length; i++) features[i] = rng.NextGaussian();
        var labels = new int[Batch];
        for (var i = 0; i < labels.Length; i++) labels[i] = rng.Next(Classes);
        var split = new Dataset.Split(Batch, features, labels, []);
        return new Dataset
        {
            Name = "random", InputSize = inputs, OutputSize = Classes, IsClassification = true,
            SequenceLength = Steps, Image = Cnn is null ? null : Image, Train = split, Test = new Dataset.Split(0, [], [], []),
        };
    }
}
