namespace GradientService.Api.Storage;

/// <summary>
/// Per-layer statistics of one field over a bucket of <see cref="Width"/> steps, for every layer in one row, kept by the
/// recorder so a layer × step heatmap of a 100,000-step run reads ~1,600 rows. <see cref="Stats"/> holds, per layer
/// (input side first), four little-endian float64: finite count, min, max and mean of the finite values.
/// </summary>
public sealed class LayerRollup
{
    /// <summary>Steps per bucket; bucket b holds steps b·Width + 1 … (b + 1)·Width (a whole number of chunks).</summary>
    public const int Width = 64;

    public long RunKey { get; set; }

    /// <summary>A <see cref="Series.LayerField"/> as its number.</summary>
    public int Field { get; set; }

    public int Bucket { get; set; }

    /// <summary>Recorded steps in the bucket.</summary>
    public int Count { get; set; }

    public required byte[] Stats { get; set; }

    public static int BucketOf(int step) => (step - 1) / Width;

    /// <summary>(finite count, min, max, mean) of one layer (1-based); min, max and mean are NaN with no finite value.</summary>
    public static (int Finite, double Min, double Max, double Mean) Read(ReadOnlySpan<byte> stats, int layer)
    {
        var at = (layer - 1) * 4 * sizeof(double);
        if (at + 4 * sizeof(double) > stats.Length) return (0, double.NaN, double.NaN, double.NaN);
        return ((int)System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(stats[at..]),
            System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(stats[(at + 8)..]),
            System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(stats[(at + 16)..]),
            System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(stats[(at + 24)..]));
    }
}
