using System.Buffers.Binary;

namespace GradientService.Api.Storage;

/// <summary>
/// Per-layer statistics of one layer metric over a bucket of <see cref="Width"/> steps, for every layer in one row, kept
/// by the recorder so a layer × step heatmap of a 100,000-step run reads ~1,600 rows. <see cref="Stats"/> holds 32
/// little-endian bytes per layer (input side first): version 1 four float64 (finite count, min, max and mean of the
/// finite values; every other recorded step was non-finite); version 2 the finite and the non-finite count as two int32
/// (absent values are in neither), then min, max and mean as float64 (the same size, so a heatmap reads no more bytes).
/// </summary>
public sealed class LayerRollup
{
    /// <summary>Steps per bucket; bucket b holds steps b·Width + 1 … (b + 1)·Width (a whole number of chunks).</summary>
    public const int Width = 64;

    /// <summary>The layout the recorder writes.</summary>
    public const int Current = 2;

    public long RunKey { get; set; }

    /// <summary>A <see cref="Contracts.Metrics.LayerMetric"/> as its ordinal.</summary>
    public int Field { get; set; }

    public int Bucket { get; set; }

    /// <summary>Recorded steps in the bucket.</summary>
    public int Count { get; set; }

    /// <summary>The layout of <see cref="Stats"/>; rows written before versions existed are 1.</summary>
    public int Version { get; set; } = Current;

    public required byte[] Stats { get; set; }

    public static int BucketOf(int step) => (step - 1) / Width;

    /// <summary>Bytes per layer in <see cref="Stats"/>, in either layout.</summary>
    public const int BytesPerLayer = 4 * sizeof(double);

    /// <summary>One layer's (1-based) figures; min, max and mean are NaN with no finite value.</summary>
    public LayerFigures Read(int layer)
    {
        var at = (layer - 1) * BytesPerLayer;
        if (at + BytesPerLayer > Stats.Length) return new LayerFigures(0, 0, double.NaN, double.NaN, double.NaN);
        var stats = Stats.AsSpan(at);
        var finite = Version == 1 ? (int)BinaryPrimitives.ReadDoubleLittleEndian(stats) : BinaryPrimitives.ReadInt32LittleEndian(stats);
        var nonFinite = Version == 1 ? Count - finite : BinaryPrimitives.ReadInt32LittleEndian(stats[4..]);
        return new LayerFigures(finite, nonFinite, BinaryPrimitives.ReadDoubleLittleEndian(stats[8..]),
            BinaryPrimitives.ReadDoubleLittleEndian(stats[16..]), BinaryPrimitives.ReadDoubleLittleEndian(stats[24..]));
    }

    /// <summary>Writes one layer's (1-based) figures in the current layout.</summary>
    public static void Write(Span<byte> stats, int layer, in LayerFigures figures)
    {
        var at = stats[((layer - 1) * BytesPerLayer)..];
        BinaryPrimitives.WriteInt32LittleEndian(at, figures.Finite);
        BinaryPrimitives.WriteInt32LittleEndian(at[4..], figures.NonFinite);
        BinaryPrimitives.WriteDoubleLittleEndian(at[8..], figures.Min);
        BinaryPrimitives.WriteDoubleLittleEndian(at[16..], figures.Max);
        BinaryPrimitives.WriteDoubleLittleEndian(at[24..], figures.Mean);
    }
}

/// <summary>A layer's values of one metric over a bucket: how many were finite and non-finite, and the finite ones' min, max and mean.</summary>
public readonly record struct LayerFigures(int Finite, int NonFinite, double Min, double Max, double Mean);
