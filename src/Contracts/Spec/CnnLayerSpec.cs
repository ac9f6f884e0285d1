using System.ComponentModel;
using System.Text.Json.Serialization;

namespace GradientService.Contracts.Spec;

/// <summary>
/// One entry of a cnn's layer list, with PyTorch's argument names as the JSON keys (the oracle's `layers` list, so a
/// list exported with a net loads into PyTorch and into the oracle unchanged). Which keys a type takes, and their
/// defaults, are the oracle's: conv2d (out_channels, kernel_size, stride 1, padding 0, bias true); batchnorm2d (eps 1e-5,
/// affine true); maxpool2d, avgpool2d (kernel_size, stride = kernel_size, padding 0); global_avgpool; flatten; linear
/// (out_features, bias true); residual (out_channels, stride 1, kernel_size 3, bias false, eps 1e-5, activation relu with
/// negative_slope / alpha; batch_norm true, the product's own key); an activation by its PyTorch name (relu, tanh, sigmoid, gelu, silu, elu, leaky_relu,
/// identity; negative_slope, alpha). A key a type does not take is an error. Null = the default.
/// </summary>
public sealed record CnnLayerSpec
{
    [Description("conv2d, batchnorm2d, maxpool2d, avgpool2d, global_avgpool, flatten, linear, residual, or an activation (relu, tanh, sigmoid, gelu, silu, elu, leaky_relu, identity).")]
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("out_channels")]
    public int? OutChannels { get; init; }

    [JsonPropertyName("kernel_size")]
    public int? KernelSize { get; init; }

    [JsonPropertyName("stride")]
    public int? Stride { get; init; }

    [JsonPropertyName("padding")]
    public int? Padding { get; init; }

    [JsonPropertyName("bias")]
    public bool? Bias { get; init; }

    [JsonPropertyName("eps")]
    public double? Eps { get; init; }

    [JsonPropertyName("affine")]
    public bool? Affine { get; init; }

    [JsonPropertyName("out_features")]
    public int? OutFeatures { get; init; }

    /// <summary>A residual block's activation (PyTorch name).</summary>
    [JsonPropertyName("activation")]
    public string? Activation { get; init; }

    [JsonPropertyName("negative_slope")]
    public double? NegativeSlope { get; init; }

    [JsonPropertyName("alpha")]
    public double? Alpha { get; init; }

    /// <summary>A residual block's batch norms (default true). False is the product's own variant (no norms; the shortcut
    /// projection is a 1×1 convolution alone): the oracle and PyTorch's basic block do not take this key.</summary>
    [Description("residual only: false leaves out the block's batch norms (a product-only key: the oracle cannot load a list that sets it).")]
    [JsonPropertyName("batch_norm")]
    public bool? BatchNorm { get; init; }
}
