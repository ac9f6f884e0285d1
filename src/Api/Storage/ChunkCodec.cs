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
/// <item>Version 3: as version 2 with float32 values (66 bytes a block instead of 130), for a row whose every recorded
/// value is a float32 (a float32 run's probes are rounded to float32 by the engine), so the narrowing is lossless.</item>
/// </list>
/// The recorder fills rows in the version-2 layout (<see cref="Write"/>) and stores each as <see cref="Pack"/> gives it:
/// version 3 when it can, and without its trailing blocks that no recorded offset has (metrics the net does not measure).
/// </summary>
public static class ChunkCodec
{
    /// <summary>The layout rows are filled in before <see cref="Pack"/> (and the widest one it writes).</summary>
    public const int Current = 2;

    /// <summary>The layout of rows whose values are all float32.</summary>
    public const int Single = 3;

    /// <summary>The metric at each block of a version-1 row (the order of the enum of that time).</summary>
    public static readonly IReadOnlyList<LayerMetric> V1Metrics =
    [
        LayerMetric.WeightGradNorm, LayerMetric.BiasGradNorm, LayerMetric.DeltaNorm, LayerMetric.WeightNorm, LayerMetric.UpdateRatio,
        LayerMetric.ActivationMean, LayerMetric.ActivationStd, LayerMetric.Saturation, LayerMetric.DeadFraction, LayerMetric.NonFiniteCount,
    ];

    private const int ValueBytes = LayerChunk.Width * sizeof(double);
    private const int SingleValueBytes = LayerChunk.Width * sizeof(float);
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
        3 => (ordinal * (MaskBytes + SingleValueBytes), MaskBytes, MaskBytes + SingleValueBytes),
        _ => throw new InvalidDataException($"Unknown layer chunk version {version}."),
    };

    /// <summary>One value of a block of a <paramref name="version"/> row read by <see cref="Block"/>; null when absent (or the block is missing or short).</summary>
    public static double? ReadBlock(ReadOnlySpan<byte> block, int version, int offset)
    {
        var maskLength = version == 1 ? 0 : MaskBytes;
        var size = version == Single ? sizeof(float) : sizeof(double);
        var at = maskLength + offset * size;
        if (block.Length < at + size) return null;
        if (maskLength > 0 && (BinaryPrimitives.ReadUInt16LittleEndian(block) & (1 << offset)) != 0) return null;
        return size == sizeof(float) ? BinaryPrimitives.ReadSingleLittleEndian(block[at..]) : BinaryPrimitives.ReadDoubleLittleEndian(block[at..]);
    }

    /// <summary>One value of a stored row; null when absent.</summary>
    public static double? Read(int version, ReadOnlySpan<byte> data, int ordinal, int offset)
    {
        var (start, _, length) = Block(version, ordinal);
        if (start < 0 || start >= data.Length) return null;
        return ReadBlock(data.Slice(start, Math.Min(length, data.Length - start)), version, offset);
    }

    /// <summary>
    /// The stored form of a row filled in the <see cref="Current"/> layout whose recorded offsets are
    /// <paramref name="present"/>: written into <paramref name="packed"/> (at least <see cref="Bytes"/> long), its version
    /// and length returned. Version 3 when every recorded value is a float32 (NaN and ±∞ included), else 2; trailing
    /// blocks with no recorded value are left out (they read as absent), the first always kept.
    /// </summary>
    public static (int Version, int Length) Pack(ReadOnlySpan<byte> row, int present, Span<byte> packed)
    {
        var blocks = 1; // never an empty blob
        var single = true;
        for (var m = 0; m * (MaskBytes + ValueBytes) < row.Length; m++)
        {
            var block = row.Slice(m * (MaskBytes + ValueBytes), MaskBytes + ValueBytes);
            var recorded = present & ~BinaryPrimitives.ReadUInt16LittleEndian(block);
            if (recorded == 0) continue;
            blocks = m + 1;
            for (var o = 0; o < LayerChunk.Width && single; o++)
            {
                if ((recorded & (1 << o)) == 0) continue;
                var value = BinaryPrimitives.ReadDoubleLittleEndian(block[(MaskBytes + o * sizeof(double))..]);
                single = double.IsNaN(value) || (double)(float)value == value;
            }
        }
        if (!single)
        {
            var length = blocks * (MaskBytes + ValueBytes);
            row[..length].CopyTo(packed);
            return (Current, length);
        }
        for (var m = 0; m < blocks; m++)
        {
            var from = row.Slice(m * (MaskBytes + ValueBytes), MaskBytes + ValueBytes);
            var to = packed.Slice(m * (MaskBytes + SingleValueBytes), MaskBytes + SingleValueBytes);
            from[..MaskBytes].CopyTo(to);
            for (var o = 0; o < LayerChunk.Width; o++)
                BinaryPrimitives.WriteSingleLittleEndian(to[(MaskBytes + o * sizeof(float))..],
                    (float)BinaryPrimitives.ReadDoubleLittleEndian(from[(MaskBytes + o * sizeof(double))..]));
        }
        return (Single, blocks * (MaskBytes + SingleValueBytes));
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
