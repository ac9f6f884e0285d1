using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GradientService.Api.Tests.Storage;

/// <summary>The store's reads (the substr read of one metric's block, whole chunks) over rows of both layouts, in a real SQLite file.</summary>
public sealed class LayerChunkVersionsTests : IAsyncLifetime
{
    private const long Run = 1;
    private readonly string _path = Path.Combine(Path.GetTempPath(), "gradientservice-tests", $"chunks-{Guid.NewGuid():N}.db");
    private GradientDbContext _db = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _db = new GradientDbContext(new DbContextOptionsBuilder<GradientDbContext>().UseSqlite($"Data Source={_path};Pooling=False")
            .ReplaceService<IMigrationsSqlGenerator, ClusteredTableSqlGenerator>().Options);
        await _db.Database.MigrateAsync();
        // Chunk 0 was written in layout 1 (before the upgrade), chunk 1 in layout 2 with offset 0 of ‖δ‖ absent.
        var v2 = new byte[ChunkCodec.Bytes()];
        for (var m = 0; m < LayerMetrics.Count; m++)
            for (var o = 0; o < LayerChunk.Width; o++) ChunkCodec.Write(v2, m, o, 1000 + m * 100 + o);
        ChunkCodec.Write(v2, (int)LayerMetric.DeltaNorm, 0, null);
        _db.LayerChunks.AddRange(
            new LayerChunk { RunKey = Run, Layer = 1, Chunk = 0, Present = 0xFFFF, Version = 1, Data = ChunkCodecTests.V1Row(LayerChunk.Width) },
            new LayerChunk { RunKey = Run, Layer = 1, Chunk = 1, Present = 0xFFFF, Version = 2, Data = v2 });
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        File.Delete(_path);
    }

    [Fact]
    public async Task LayerSeries_AcrossLayouts_ReadsEachRowsOwnBlock()
    {
        var series = await new SeriesStore(_db).LayerSeriesAsync(Run, 1, LayerMetric.DeltaNorm, 1, 32, default);

        Assert.Equal([.. Enumerable.Range(1, 16), .. Enumerable.Range(18, 15)], series.Select(v => v.Step));
        Assert.Equal(2 * 100 + 0, series[0].Value); // layout 1: ‖δ‖ is block 2
        Assert.Equal(1000 + 2 * 100 + 1, series[16].Value); // layout 2: ordinal 2
    }

    [Fact]
    public async Task LayerSeries_MetricAddedAfterTheRows_HasNoPoints()
    {
        var added = (LayerMetric)LayerMetrics.Count; // the ordinal the next metric of the table will get

        var series = await new SeriesStore(_db).LayerSeriesAsync(Run, 1, added, 1, 32, default);

        Assert.Empty(series);
    }

    [Fact]
    public async Task AtSteps_AcrossLayouts_EveryMetricOfBothRows()
    {
        var samples = await new SeriesStore(_db).AtStepsAsync(Run, 1, [5, 17], default);

        Assert.Equal(ChunkCodec.V1Metrics.Select((m, p) => (m, (double?)(p * 100 + 4))), ChunkCodec.V1Metrics.Select(m => (m, samples[0][m])));
        Assert.Null(samples[1][LayerMetric.DeltaNorm]);
        Assert.Equal(1000 + 9 * 100, samples[1][LayerMetric.NonFiniteCount]);
    }
}
