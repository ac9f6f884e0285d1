namespace GradientService.Core.Convolution;

/// <summary>The kinds of entry of a cnn's layer list (the oracle's `type`, PyTorch's modules).</summary>
internal enum CnnOp
{
    Conv2d,
    BatchNorm2d,
    MaxPool2d,
    AvgPool2d,
    GlobalAvgPool,
    Flatten,
    Linear,
    Residual,
    Activation,
}
