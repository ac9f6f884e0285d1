using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Core.Tests.Probes;

public sealed class LayerStatsTests
{
    [Fact]
    public void NamedMembers_ReadAndWriteTheirMetricsOrdinal()
    {
        var stats = new LayerStats { WeightGradNorm = 1, BiasGradNorm = 2, PreactivationGradNorm = 3, WeightNorm = 4, UpdateRatio = 5,
            ActivationMean = 6, ActivationStd = 7, SaturationFraction = 8, DeadFraction = 9, NonFiniteGradCount = 10, ReconstructionError = 11 };

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], Enumerable.Range(0, LayerMetrics.Count).Select(m => stats[(LayerMetric)m]));
    }

    [Fact]
    public void NewStepRecord_SparseLayerMetric_IsAbsentUntilWritten()
    {
        var record = new StepRecord(layers: 3, recurrentLayers: 0, gates: 0, sequenceLength: 0);

        Assert.All(record.Layers, l => Assert.False(l.Has(LayerMetric.ReconstructionError)));
        Assert.All(record.Layers, l => Assert.True(l.Has(LayerMetric.WeightGradNorm)));
        record.Layers[1].ReconstructionError = 0.5;
        Assert.True(record.Layers[1].Has(LayerMetric.ReconstructionError));
    }

    [Fact]
    public void MarkAbsent_ThenWrite_IsPresentAgain()
    {
        var stats = new LayerStats();
        stats.MarkAbsent(LayerMetric.WeightGradNorm);
        stats.MarkAbsent(LayerMetric.DeltaNorm);

        Assert.False(stats.Has(LayerMetric.WeightGradNorm));
        stats.WeightGradNorm = 0;
        Assert.True(stats.Has(LayerMetric.WeightGradNorm));
        Assert.False(stats.Has(LayerMetric.DeltaNorm));
        Assert.Equal(1u << (int)LayerMetric.DeltaNorm, stats.Absent);
    }

    [Fact]
    public void Absent_IsKeptApartFromNaN()
    {
        var stats = new LayerStats { UpdateRatio = double.NaN };
        stats.MarkAbsent(LayerMetric.WeightNorm);

        Assert.True(stats.Has(LayerMetric.UpdateRatio) && double.IsNaN(stats.UpdateRatio));
        Assert.False(stats.Has(LayerMetric.WeightNorm));
    }

    [Fact]
    public void StepRecord_SparseNaN_IsAbsentAndANaNLossIsMeasured()
    {
        var record = new StepRecord(1, 0, 1, 1) { TestLoss = 0.5, Loss = double.NaN };

        record.TestLoss = double.NaN;

        Assert.False(record.Has(StepMetric.TestLoss));
        Assert.True(record.Has(StepMetric.Loss) && double.IsNaN(record.Loss));
        Assert.False(record.Has(StepMetric.TrainAccuracy)); // never written: sparse metrics start absent
        Assert.Equal(1, record.ClipScale);
    }

    [Fact]
    public void Tables_OrdinalsNamesAndMasks_AreConsistent()
    {
        Assert.Equal(Enum.GetValues<LayerMetric>().Select(m => (int)m), LayerMetrics.Table.ByOrdinal.Select(m => m.Ordinal));
        Assert.Equal(Enum.GetValues<StepMetric>().Select(m => (int)m), StepMetrics.Table.ByOrdinal.Select(m => m.Ordinal));
        Assert.True(LayerMetrics.Count <= 32 && StepMetrics.Count <= 32); // the absence masks are 32-bit
        Assert.True(LayerMetrics.Table.TryParse("DELTANORM", out var delta) && delta == LayerMetric.DeltaNorm);
        Assert.False(StepMetrics.Table.TryParse("weightGradNorm", out _));
    }

    [Fact]
    public void Table_MissingRow_FailsAtConstruction()
    {
        Assert.Throws<InvalidOperationException>(() => new MetricTable<StepMetric>(StepMetrics.Count, [.. StepMetrics.Table.All.Skip(1)]));
    }
}
