using System.Buffers.Binary;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Tests.Storage;

public sealed class ChunkCodecTests
{
    public static TheoryData<double?> Values => new() { 0.0, -0.0, 1.5e-300, -2.25, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, null };

    [Theory]
    [MemberData(nameof(Values))]
    public void Write_ThenRead_KeepsTheValueNaNInfinityAndAbsence(double? value)
    {
        var data = new byte[ChunkCodec.Bytes()];
        ChunkCodec.Write(data, (int)LayerMetric.DeltaNorm, 7, value);

        var read = ChunkCodec.Read(ChunkCodec.Current, data, (int)LayerMetric.DeltaNorm, 7);

        Assert.Equal(value is null, read is null);
        if (value is { } v) Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(read!.Value));
    }

    [Fact]
    public void Write_AbsentThenPresent_IsPresentAgain()
    {
        var data = new byte[ChunkCodec.Bytes()];
        ChunkCodec.Write(data, 3, 15, null);
        ChunkCodec.Write(data, 3, 15, 2.5);

        Assert.Equal(2.5, ChunkCodec.Read(ChunkCodec.Current, data, 3, 15));
    }

    [Fact]
    public void Write_OneOffset_LeavesItsNeighboursAndOtherMetricsAlone()
    {
        var data = new byte[ChunkCodec.Bytes()];
        for (var m = 0; m < LayerMetrics.Count; m++)
            for (var o = 0; o < LayerChunk.Width; o++) ChunkCodec.Write(data, m, o, m * 100 + o);

        ChunkCodec.Write(data, 4, 5, null);

        for (var m = 0; m < LayerMetrics.Count; m++)
            for (var o = 0; o < LayerChunk.Width; o++) Assert.Equal(m == 4 && o == 5 ? null : m * 100 + o, ChunkCodec.Read(ChunkCodec.Current, data, m, o));
    }

    private static byte[] Row(Func<int, int, double?> value, int metrics = LayerMetrics.Count)
    {
        var data = new byte[ChunkCodec.Bytes()];
        for (var m = 0; m < LayerMetrics.Count; m++)
            for (var o = 0; o < LayerChunk.Width; o++) ChunkCodec.Write(data, m, o, m < metrics ? value(m, o) : null);
        return data;
    }

    private static (int Version, byte[] Data) Pack(byte[] row, int present = 0xFFFF)
    {
        var packed = new byte[ChunkCodec.Bytes()];
        var (version, length) = ChunkCodec.Pack(row, present, packed);
        return (version, packed[..length]);
    }

    [Fact]
    public void Pack_EveryValueAFloat32_StoresVersion3AtHalfTheBytesLosslessly()
    {
        var row = Row((m, o) => m == 5 && o == 3 ? null : m == 6 && o == 2 ? double.NaN : m == 7 && o == 1 ? double.NegativeInfinity : (float)(Math.PI * (m + 1) * (o + 1e-3)));

        var (version, data) = Pack(row);

        Assert.Equal(ChunkCodec.Single, version);
        Assert.Equal(LayerMetrics.Count * (2 + LayerChunk.Width * 4), data.Length);
        for (var m = 0; m < LayerMetrics.Count; m++)
            for (var o = 0; o < LayerChunk.Width; o++)
            {
                var (expected, read) = (ChunkCodec.Read(ChunkCodec.Current, row, m, o), ChunkCodec.Read(version, data, m, o));
                Assert.Equal(expected is null, read is null);
                if (expected is { } e) Assert.Equal(BitConverter.DoubleToInt64Bits(e), BitConverter.DoubleToInt64Bits(read!.Value));
            }
    }

    [Fact]
    public void Pack_OneValueNotAFloat32_KeepsVersion2()
    {
        var row = Row((m, o) => (float)(m + o / 7.0));
        ChunkCodec.Write(row, 2, 9, 1.0 / 3);

        var (version, data) = Pack(row);

        Assert.Equal(ChunkCodec.Current, version);
        Assert.Equal(1.0 / 3, ChunkCodec.Read(version, data, 2, 9));
    }

    [Fact]
    public void Pack_AnUnrecordedOffsetsValue_DoesNotDecide()
    {
        var row = Row((m, o) => 0.5);
        ChunkCodec.Write(row, 2, 9, 1.0 / 3); // offset 9 was written but is not among the recorded ones

        Assert.Equal(ChunkCodec.Single, Pack(row, present: 0xFFFF & ~(1 << 9)).Version);
    }

    [Fact]
    public void Pack_MetricsNeverRecorded_LeavesTheirTrailingBlocksOutAndTheyReadAbsent()
    {
        var row = Row((m, o) => m + 0.25, metrics: 10);

        var (version, data) = Pack(row);

        Assert.Equal(10 * (2 + LayerChunk.Width * 4), data.Length);
        Assert.Equal(9.25, ChunkCodec.Read(version, data, 9, 15));
        for (var m = 10; m < LayerMetrics.Count; m++) Assert.Null(ChunkCodec.Read(version, data, m, 0));
    }

    [Fact]
    public void Pack_NothingRecorded_StillKeepsOneBlock() => Assert.Equal(2 + LayerChunk.Width * 4, Pack(Row((_, _) => null)).Data.Length);

    [Fact]
    public void Read_Version1Row_MapsEachBlockToItsMetric()
    {
        var row = V1Row(LayerChunk.Width);

        for (var p = 0; p < ChunkCodec.V1Metrics.Count; p++)
            for (var o = 0; o < LayerChunk.Width; o++) Assert.Equal(p * 100 + o, ChunkCodec.Read(1, row, (int)ChunkCodec.V1Metrics[p], o));
    }

    [Fact]
    public void Read_MetricAddedAfterTheRowWasWritten_IsAbsentInEveryVersion()
    {
        var added = LayerMetrics.Count; // the ordinal the next metric of the table will get
        var v2 = new byte[ChunkCodec.Bytes()];
        for (var m = 0; m < LayerMetrics.Count; m++) ChunkCodec.Write(v2, m, 0, 1);

        Assert.Null(ChunkCodec.Read(1, V1Row(LayerChunk.Width), added, 0));
        Assert.Null(ChunkCodec.Read(2, v2, added, 0));
        Assert.Equal(1, ChunkCodec.Read(2, v2, LayerMetrics.Count - 1, 0));
    }

    [Fact]
    public void Unpack_Version1Chunk_RecordedOffsetsInStepOrderWithEveryMetric()
    {
        var chunk = new LayerChunk { Layer = 2, Chunk = 3, Present = 0b1010, Version = 1, Data = V1Row(LayerChunk.Width) };

        var samples = ChunkCodec.Unpack(chunk).ToList();

        Assert.Equal([(2, 3 * 16 + 2), (2, 3 * 16 + 4)], samples.Select(s => (s.Layer, s.Step)));
        Assert.Equal(2 * 100 + 1, samples[0][LayerMetric.DeltaNorm]); // block 2 of layout 1 is ‖δ‖
        Assert.Equal(9 * 100 + 3, samples[1][LayerMetric.NonFiniteCount]);
    }

    [Fact]
    public void Metric_AbsentOffsets_AreLeftOut()
    {
        var data = new byte[ChunkCodec.Bytes()];
        ChunkCodec.Write(data, 0, 0, 1);
        ChunkCodec.Write(data, 0, 1, null);
        ChunkCodec.Write(data, 0, 2, double.NaN);
        var chunk = new LayerChunk { Layer = 1, Chunk = 0, Present = 0b111, Data = data };
        List<int> steps = [];
        List<double> values = [];

        ChunkCodec.Metric(chunk, LayerMetric.WeightGradNorm, 1, 16, steps, values);

        Assert.Equal([1, 3], steps);
        Assert.Equal(1, values[0]);
        Assert.True(double.IsNaN(values[1]));
    }

    [Fact]
    public void Block_UnknownVersion_Throws()
    {
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Block(4, 0));
    }

    /// <summary>A row in layout 1 (ten field-major blocks of float64, no masks): block p offset o holds p·100 + o.</summary>
    public static byte[] V1Row(int width)
    {
        var data = new byte[ChunkCodec.V1Metrics.Count * width * sizeof(double)];
        for (var p = 0; p < ChunkCodec.V1Metrics.Count; p++)
            for (var o = 0; o < width; o++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan((p * width + o) * sizeof(double)), p * 100 + o);
        return data;
    }
}
