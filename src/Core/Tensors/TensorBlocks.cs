namespace GradientService.Core.Tensors;

/// <summary>
/// A large tensor cut into fixed blocks of <see cref="Elements"/> so that its element-wise work (the optimizer's update,
/// Σg²) spreads evenly over the threads: nine 1024×1024 weights are four blocks each, 36 parts, instead of nine parts
/// (five on one thread, four on the other). A sum over the tensor is one float64 partial per block, added in block
/// order; the cut depends on the length alone, never on the thread count, so the sum is the same on any. A tensor of
/// one block (every tensor of up to <see cref="Elements"/>) is summed exactly as before the cut.
/// </summary>
internal static class TensorBlocks
{
    /// <summary>Elements per block: 1 MiB of float32, a whole multiple of every vector width.</summary>
    public const int Elements = 1 << 18;

    /// <summary>Blocks of a tensor of <paramref name="length"/> elements (at least 1).</summary>
    public static int Count(int length) => Math.Max(1, (length + Elements - 1) / Elements);

    /// <summary>Elements [Start, Start + Length) of block <paramref name="block"/>.</summary>
    public static (int Start, int Length) Range(int length, int block)
    {
        var start = block * Elements;
        return (start, Math.Min(Elements, length - start));
    }

    /// <summary>Σx² in float64, block by block, the blocks' partials added in order.</summary>
    public static double SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = 0.0;
        for (var b = 0; b < Count(x.Length); b++)
        {
            var (start, length) = Range(x.Length, b);
            total += Reductions.SumOfSquares(x.Slice(start, length));
        }
        return total;
    }
}
