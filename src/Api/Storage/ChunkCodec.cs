using System.Buffers.Binary;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Storage;

/// <summary>
/// Reads every layout <see cref="LayerChunk.Data"/> was ever written in, and writes the current one. Values are
/// little-endian float64 (NaN and ±∞ kept), metric-major: one block of <see cref="LayerChunk.Width"/> values per metric.
/// <list type="bullet">
/// <item>Version 1 (before metrics had ordinals): ten blocks, in the order of <see cref="V1Metrics"/>; every value present.</item>
/// <item>Version 2: one block per <see cref="LayerMetric"/> ordinal 0 … n − 1 (n from the blob's length), each a
/// little-endian uint16 absence mask (bit o: offset o not computed) and then the values. A metric added to the table
/// after a row was written is past the row's blocks, so it reads as absent; no metric is ever renumbered.</item>
/// </list>
/// </summary>
public static class ChunkCodec
{
    /// <summary>The layout the recorder writes.</summary>
    public const int Current = 2;

    /// <summary>The metric at each block of a version-1 row (the order of the enum of that time).</summary>
    public static readonly IReadOnlyList<LayerMetric> V1Metrics =
    [
        LayerMetric.WeightGradNorm, LayerMetric.BiasGradNorm, LayerMetric.DeltaNorm, LayerMetric.WeightNorm, LayerMetric.UpdateRatio,
        LayerMetric.ActivationMean, LayerMetric.ActivationStd, LayerMetric.Saturation, LayerMetric.DeadFraction, LayerMetric.NonFiniteCount,
    ];

    private const int ValueBytes = LayerChunk.Width * sizeof(double);
    private const int MaskBytes = sizeof(ushort);

    static ChunkCodec()
    {
        if (LayerChunk.Width > 8 * MaskBytes) throw new InvalidOperationException("The absence mask of a chunk block holds 16 offsets.");
    }

    /// <summary>Bytes of a current-layout row holding <paramref name="metrics"/> metrics.</summary>
    public static int Bytes(int metrics = LayerMetrics.Count) => metrics * (MaskBytes + ValueBytes);

    /// <summary>
    /// Where one metric's block sits in a row of <paramref name="version"/>: its absence mask (<c>MaskLength</c> bytes, 0
    /// in version 1) and then its values. Start −1: the layout has no such block (the metric is absent from every row).
    /// </summary>
    public static (int Start, int MaskLength, int Length) Block(int version, int ordinal) => version switch
    {
        1 => V1Position(ordinal) is var p and >= 0 ? (p * ValueBytes, 0, ValueBytes) : (-1, 0, 0),
        2 => (ordinal * (MaskBytes + ValueBytes), MaskBytes, MaskBytes + ValueBytes),
        _ => throw new InvalidDataException($"Unknown layer chunk version {version}."),
    };

    /// <summary>One value of a block read by <see cref="Block"/>; null when absent (or the block is missing or short).</summary>
    public static double? ReadBlock(ReadOnlySpan<byte> block, int maskLength, int offset)
    {
        var at = maskLength + offset * sizeof(double);
        if (block.Length < at + sizeof(double)) return null;
        if (maskLength > 0 && (BinaryPrimitives.ReadUInt16LittleEndian(block) & (1 << offset)) != 0) return null;
        return BinaryPrimitives.ReadDoubleLittleEndian(block[at..]);
    }

    /// <summary>One value of a stored row; null when absent.</summary>
    public static double? Read(int version, ReadOnlySpan<byte> data, int ordinal, int offset)
    {
        var (start, mask, length) = Block(version, ordinal);
        if (start < 0 || start >= data.Length) return null;
        return ReadBlock(data.Slice(start, Math.Min(length, data.Length - start)), mask, offset);
    }

    /// <summary>Writes one value into a current-layout row; null marks it absent.</summary>
    public static void Write(Span<byte> data, int ordinal, int offset, double? value)
    {
        var block = data.Slice(ordinal * (MaskBytes + ValueBytes), MaskBytes + ValueBytes);
        var mask = BinaryPrimitives.ReadUInt16LittleEndian(block);
        mask = value is null ? (ushort)(mask | 1 << offset) : (ushort)(mask & ~(1 << offset));
        BinaryPrimitives.WriteUInt16LittleEndian(block, mask);
        BinaryPrimitives.WriteDoubleLittleEndian(block[(MaskBytes + offset * sizeof(double))..], value ?? 0);
    }

    /// <summary>The recorded samples of a chunk within [from, to], in step order, one value per metric ordinal (null: absent).</summary>
    public static IEnumerable<LayerSample> Unpack(LayerChunk chunk, int from = 1, int to = int.MaxValue)
    {
        for (var offset = 0; offset < LayerChunk.Width; offset++)
        {
            if ((chunk.Present & (1 << offset)) == 0) continue;
            var step = LayerChunk.FirstStep(chunk.Chunk) + offset;
            if (step < from || step > to) continue;
            var values = new double?[LayerMetrics.Count];
            for (var m = 0; m < values.Length; m++) values[m] = Read(chunk.Version, chunk.Data, m, offset);
            yield return new LayerSample(chunk.Layer, step, values);
        }
    }

    /// <summary>Appends the present values of one metric of a chunk's recorded offsets within [from, to] to the step and value lists.</summary>
    public static void Metric(LayerChunk chunk, LayerMetric metric, int from, int to, List<int> steps, List<double> values)
    {
        var first = LayerChunk.FirstStep(chunk.Chunk);
        for (var offset = 0; offset < LayerChunk.Width; offset++)
        {
            var step = first + offset;
            if ((chunk.Present & (1 << offset)) == 0 || step < from || step > to) continue;
            if (Read(chunk.Version, chunk.Data, (int)metric, offset) is not { } value) continue;
            steps.Add(step);
            values.Add(value);
        }
    }

    private static int V1Position(int ordinal)
    {
        for (var p = 0; p < V1Metrics.Count; p++) if ((int)V1Metrics[p] == ordinal) return p;
        return -1;
    }
}
