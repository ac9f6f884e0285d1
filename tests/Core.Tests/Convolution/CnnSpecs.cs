using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Convolution;

/// <summary>Small cnns on the digits that train in about a second.</summary>
internal static class CnnSpecs
{
    /// <summary>A plain net with batch norm: stem 4 channels, two stages of one conv (the second of stride 2, 8 channels).</summary>
    public static RunSpec Plain(int steps = 12) => new()
    {
        Model = new CnnSpec { Depth = 2, Width = 4, Stages = 2, Activation = ActivationKind.Relu },
        Init = new InitSpec { Scheme = InitScheme.HeNormal },
        Data = new DataSpec { Kind = DatasetKind.Mnist, Samples = 120 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.01 },
        Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1 },
        Training = new TrainingSpec { BatchSize = 20, Steps = steps, EvalEvery = 5, Seed = 3 },
    };

    /// <summary>A ResNet of two basic blocks (identity, then a stride-2 projection) and no batch norm in a second variant.</summary>
    public static RunSpec Residual(int steps = 12, Normalization norm = Normalization.BatchNorm) => Plain(steps) with
    {
        Model = new CnnSpec { Depth = 4, Width = 4, Stages = 2, Block = CnnBlock.Residual, Normalization = norm, Activation = ActivationKind.Tanh },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Momentum, LearningRate = 0.05 },
    };

    /// <summary>An explicit list with pools and a hidden linear layer, in float64.</summary>
    public static RunSpec Explicit(int steps = 12) => Plain(steps) with
    {
        Model = new CnnSpec
        {
            Layers = CnnTestNets.Layers("""[{"type":"conv2d","out_channels":3,"kernel_size":5,"stride":2,"padding":2},{"type":"relu"},{"type":"maxpool2d","kernel_size":3,"stride":2,"padding":1},{"type":"avgpool2d","kernel_size":2},{"type":"flatten"},{"type":"linear","out_features":8},{"type":"gelu"},{"type":"linear"}]"""),
        },
        Training = Plain(steps).Training with { Precision = Precision.Float64 },
    };
}
