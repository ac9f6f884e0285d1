using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>
/// cnn: a 2-D convolutional net on images (NCHW), either described by the shorthand (a stem convolution of
/// <see cref="ModelSpec.Width"/> channels, <see cref="ModelSpec.Depth"/> body convolutions in <see cref="Stages"/> stages
/// that halve the resolution and double the channels, plain layers or ResNet basic blocks, then global average pooling
/// and a linear read-out; He et al. 2016, §4.2) or by an explicit <see cref="Layers"/> list in the oracle's and PyTorch's
/// terms. The engine builds every net from the list: the shorthand is expanded into one.
/// </summary>
public sealed record CnnSpec : ModelSpec
{
    public CnnSpec() : base(Architecture.Cnn)
    {
        Depth = 6;
        Width = 16;
    }

    /// <summary>plain or residual (ResNet basic blocks of two convolutions; depth counts convolutions, so blocks = depth / 2).</summary>
    [Description("plain: conv → batch norm → activation, layer after layer (He et al. 2016's plain nets, which train worse as they deepen); residual: ResNet basic blocks act(bn(conv(act(bn(conv x)))) + x), whose identity path carries the gradient through any depth. Depth counts the body's convolutions (two per residual block).")]
    public CnnBlock Block { get; init; } = CnnBlock.Plain;

    /// <summary>none or batch-norm (per channel over batch, height and width); layer-norm is not offered for images.</summary>
    [Description("batch-norm: each channel normalised over the batch and the feature map before the activation (Ioffe & Szegedy 2015), as ResNets do; none: the convolutions alone.")]
    public Normalization Normalization { get; init; } = Normalization.BatchNorm;

    /// <summary>ε in batch norm; PyTorch's default 1e-5.</summary>
    [Range(0, Limits.MaxNormEpsilon)]
    [ShownWhen("model.normalization", "batch-norm")]
    [Description("ε in √(σ² + ε).")]
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>Weight of the newest batch in batch norm's running statistics; PyTorch's default 0.1.</summary>
    [Range(0, 1)]
    [ShownWhen("model.normalization", "batch-norm")]
    [Description("Weight of the newest batch in batch norm's running statistics (used for evaluation).")]
    public double NormMomentum { get; init; } = 0.1;

    /// <summary>Square kernel of every body convolution (odd; padded by kernel / 2 so the size is kept).</summary>
    [Range(1, Limits.MaxKernelSize)]
    [Description("Side of the square kernels (odd); padding kernel/2 keeps the feature map's size.")]
    public int KernelSize { get; init; } = 3;

    /// <summary>Stages of the body; each after the first starts with stride 2 and twice the channels.</summary>
    [Range(1, Limits.MaxStages)]
    [Description("Stages of the body: each after the first halves the feature map (stride 2) and doubles the channels, as in He et al. 2016's CIFAR nets (3 stages of 16, 32, 64 channels).")]
    public int Stages { get; init; } = 1;

    /// <summary>The whole net as PyTorch's nn.Sequential entries, in the oracle's keys; overrides the shorthand.</summary>
    [Description("The whole net as a list of layers in PyTorch's terms (conv2d, batchnorm2d, maxpool2d, avgpool2d, global_avgpool, flatten, linear, residual, or an activation), the last a linear layer giving the class logits. Overrides depth, width, block, normalization, kernel size and stages.")]
    public CnnLayerSpec[]? Layers { get; init; }
}
