namespace GradientService.Core.Convolution;

/// <summary>
/// What one example carries between two entries of a cnn: a C × H × W map (NCHW without the batch, channel-major), or,
/// when <see cref="Flat"/>, a vector of <see cref="Channels"/> features (H = W = 1), as after flatten or global pooling.
/// </summary>
internal readonly record struct FeatureMap(int Channels, int Height, int Width, bool Flat = false)
{
    /// <summary>Values per example.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Positions per channel, H·W.</summary>
    public int Area => Height * Width;

    public static FeatureMap Vector(int features) => new(features, 1, 1, true);

    /// <summary>The oracle's layer_shapes entry: [C, H, W], or [F] when flat.</summary>
    public int[] Shape => Flat ? [Channels] : [Channels, Height, Width];

    /// <summary>⌊(n + 2p − k)/s⌋ + 1, PyTorch's output side of a convolution or pooling (floor mode); below 1 when the kernel does not fit.</summary>
    public static int Side(int n, int kernel, int stride, int padding) => (n + 2 * padding - kernel) / stride + 1 - ((n + 2 * padding - kernel) < 0 ? 1 : 0);
}
