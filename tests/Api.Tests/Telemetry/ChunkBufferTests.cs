using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Api.Tests.Telemetry;

public sealed class ChunkBufferTests
{
    [Fact]
    public void Add_AStep_WritesEveryMetricAtItsOffsetAndMarksAbsentOnes()
    {
        var buffer = new ChunkBuffer(1);
        buffer.Reset(2);
        var stats = new LayerStats[1];
        for (var m = 0; m < LayerMetrics.Count; m++) stats[0][(LayerMetric)m] = m + 0.5;
        stats[0].MarkAbsent(LayerMetric.UpdateRatio);

        buffer.Add(2 * 16 + 4, stats);

        Assert.Equal(1 << 3, buffer.Present);
        var data = buffer.Data(1);
        for (var m = 0; m < LayerMetrics.Count; m++)
            Assert.Equal(m == (int)LayerMetric.UpdateRatio ? null : m + 0.5, ChunkCodec.Read(ChunkCodec.Current, data, m, 3));
    }

    [Fact]
    public void Seed_StoredVersion1Row_OpensTheChunkInTheCurrentLayout()
    {
        var buffer = new ChunkBuffer(1);
        var stored = new LayerChunk { Layer = 1, Chunk = 0, Present = 0b11111, Version = 1, Data = Storage.ChunkCodecTests.V1Row(LayerChunk.Width) };

        buffer.Seed(0, [stored]);

        Assert.Equal(0b11111, buffer.Present);
        Assert.Equal(ChunkCodec.Bytes(), buffer.Data(1).Length);
        Assert.Equal(2 * 100 + 4, ChunkCodec.Read(ChunkCodec.Current, buffer.Data(1), (int)LayerMetric.DeltaNorm, 4));
        Assert.Equal(9 * 100 + 0, ChunkCodec.Read(ChunkCodec.Current, buffer.Data(1), (int)LayerMetric.NonFiniteCount, 0));
    }

    [Fact]
    public void Seed_StoredVersion3Row_RepacksToTheSameBytes()
    {
        var stats = new LayerStats[1];
        for (var m = 0; m < 10; m++) stats[0][(LayerMetric)m] = (float)(m + 0.1);
        var written = new ChunkBuffer(1);
        written.Reset(0);
        for (var step = 1; step <= 5; step++) written.Add(step, stats);
        var (version, data) = written.Packed(1);
        var reopened = new ChunkBuffer(1);

        reopened.Seed(0, [new LayerChunk { Layer = 1, Chunk = 0, Present = written.Present, Version = version, Data = data.ToArray() }]);

        Assert.Equal(ChunkCodec.Single, version);
        var (again, bytes) = reopened.Packed(1);
        Assert.Equal(version, again);
        Assert.Equal(data.ToArray(), bytes.ToArray());
    }
}
