using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests;

/// <summary>Small specs that train in well under a second, for behaviour tests.</summary>
internal static class TestSpecs
{
    public static RunSpec Mlp(int steps = 30) => new()
    {
        Model = new MlpSpec { Depth = 3, Width = 16, Activation = ActivationKind.Tanh },
        Init = new InitSpec { Scheme = InitScheme.XavierNormal },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 200 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.01 },
        Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 0.5 },
        Training = new TrainingSpec { BatchSize = 16, Steps = steps, EvalEvery = 7, Seed = 11 },
    };

    /// <summary>
    /// An mlp whose products are too large for batch shares (2·20·1024² flops): on two threads it runs the whole batch layer by
    /// layer, each product and the point-wise work between products cut over the threads (batch 20: rows 16 + 4).
    /// </summary>
    public static RunSpec WideMlp(int steps = 12) => Mlp(steps) with
    {
        Model = new MlpSpec { Depth = 2, Width = 1024, Activation = ActivationKind.Relu },
        Init = new InitSpec { Scheme = InitScheme.HeNormal },
        Training = Mlp(steps).Training with { BatchSize = 20 },
    };

    /// <summary>The classic texts' options: biases drawn (uniform), sigmoid outputs with bce-sum, training.l2, a train subset.</summary>
    public static RunSpec Classic(int steps = 30) => Mlp(steps) with
    {
        Model = new MlpSpec { Depth = 3, Width = 16, Activation = ActivationKind.Sigmoid },
        Init = new InitSpec { Scheme = InitScheme.LecunNormal, BiasVariance = 1, BiasDistribution = BiasDistribution.Uniform },
        Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 200, TrainSubset = 100 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.1 },
        Training = new TrainingSpec { Loss = LossKind.BceSum, L2 = 5, BatchSize = 16, Steps = steps, EvalEvery = 7, Seed = 11 },
    };

    public static RunSpec ResidualBatchNorm(int steps = 30) => Mlp(steps) with
    {
        Model = new ResidualMlpSpec { Depth = 5, Width = 12, BlockSize = 2, Normalization = Normalization.BatchNorm, Activation = ActivationKind.Relu },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Momentum, Nesterov = true, LearningRate = 0.05 },
    };

    /// <summary>An mlp with a hierarchical-softmax read-out over 7 gaussian blobs (a tree of depth 3, paths of 2 and 3 nodes).</summary>
    public static RunSpec HierarchicalSoftmax(int steps = 30) => Mlp(steps) with
    {
        Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Classes = 7, Samples = 280 },
        Training = Mlp(steps).Training with { Output = OutputLayer.HierarchicalSoftmax },
    };

    public static RunSpec Lstm(int steps = 12) => new()
    {
        Model = new LstmSpec { Depth = 2, Width = 8 },
        Init = new InitSpec { Scheme = InitScheme.XavierUniform, RecurrentScheme = InitScheme.Orthogonal },
        Data = new DataSpec { Kind = DatasetKind.Adding, Samples = 64, SequenceLength = 10 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.RmsProp, LearningRate = 0.005 },
        Clipping = new ClippingSpec { Mode = ClippingMode.PerLayerNorm, Threshold = 0.1 },
        Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 8, Steps = steps, EvalEvery = 5, Seed = 5 },
    };

    /// <summary>A small post-LN transformer with a mean read-out on the adding problem (pre-LN, causal, last: <see cref="PreLnTransformer"/>).</summary>
    public static RunSpec Transformer(int steps = 12) => new()
    {
        Model = new TransformerSpec { Depth = 2, Width = 8, Heads = 2, FeedForward = 16, Activation = ActivationKind.Gelu, Readout = ReadoutKind.Mean },
        Init = new InitSpec { Scheme = InitScheme.XavierUniform },
        Data = new DataSpec { Kind = DatasetKind.Adding, Samples = 64, SequenceLength = 10 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.003 },
        Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1 },
        Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 8, Steps = steps, EvalEvery = 5, Seed = 9 },
    };

    public static RunSpec PreLnTransformer(int steps = 12) => Transformer(steps) with
    {
        Model = (TransformerSpec)Transformer(steps).Model with { Placement = NormPlacement.PreLn, Causal = true, Readout = ReadoutKind.Last, Activation = ActivationKind.Relu },
        Training = Transformer(steps).Training with { Precision = Precision.Float64 },
    };
}
