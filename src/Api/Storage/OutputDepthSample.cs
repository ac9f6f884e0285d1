namespace GradientService.Api.Storage;

/// <summary>
/// A hierarchical-softmax read-out's gradient by tree depth at one step: <see cref="GradNorms"/> holds ‖∂L/∂W‖ over the
/// rows of each depth's inner nodes, root first, as a little-endian float64 array (see <see cref="DoubleBlob"/>).
/// </summary>
public sealed class OutputDepthSample
{
    public long RunKey { get; set; }

    public int Step { get; set; }

    public required byte[] GradNorms { get; set; }
}
