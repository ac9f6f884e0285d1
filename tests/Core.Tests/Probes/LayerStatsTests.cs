using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Probes;

namespace GradientService.Core.Tests.Probes;

public sealed class LayerStatsTests
{
    [Fact]
    public void NamedMembers_ReadAndWriteTheirMetricsOrdinal()
    {
        var stats = new LayerStats { WeightGradNorm = 1, BiasGradNorm = 2, PreactivationGradNorm = 3, WeightNorm = 4, UpdateRatio = 5,
            ActivationMean = 6, ActivationStd = 7, SaturationFraction = 8, DeadFraction = 9, NonFiniteGradCount = 10, ReconstructionError = 11,
            OutputGradNorm = 12, BranchGradNorm = 13, SkipGradNorm = 14, AttentionEntropy = 15 };

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], Enumerable.Range(0, LayerMetrics.Count).Select(m => stats[(LayerMetric)m]));
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

    [Fact]
    public void RoundToSingle_KeepsAbsenceZeroNaNInfinityAndOutOfRangeValues_RoundsTheRest()
    {
        var stats = new LayerStats();
        stats[LayerMetric.WeightGradNorm] = Math.PI;
        stats[LayerMetric.BiasGradNorm] = 0;
        stats[LayerMetric.DeltaNorm] = double.NaN;
        stats[LayerMetric.WeightNorm] = double.PositiveInfinity;
        stats[LayerMetric.UpdateRatio] = 1e-50; // below float32's range: kept, so the store keeps it in float64
        stats[LayerMetric.ActivationStd] = 1e300;
        stats.MarkAbsent(LayerMetric.Saturation);

        stats.RoundToSingle();

        Assert.Equal((double)(float)Math.PI, stats[LayerMetric.WeightGradNorm]);
        Assert.Equal(0, stats[LayerMetric.BiasGradNorm]);
        Assert.True(double.IsNaN(stats[LayerMetric.DeltaNorm]));
        Assert.Equal(double.PositiveInfinity, stats[LayerMetric.WeightNorm]);
        Assert.Equal(1e-50, stats[LayerMetric.UpdateRatio]);
        Assert.Equal(1e300, stats[LayerMetric.ActivationStd]);
        Assert.False(stats.Has(LayerMetric.Saturation));
    }

    [Theory]
    [InlineData(Precision.Float32, true)]
    [InlineData(Precision.Float64, false)]
    public void FirstStep_OfAFloat32Run_RecordsFloat32Values(Precision precision, bool single)
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = 3, Width = 16, Activation = ActivationKind.Tanh },
            Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Dimensions = 8, Classes = 3, Samples = 64, Noise = 1 },
            Training = new TrainingSpec { BatchSize = 16, Steps = 1, EvalEvery = 0, Precision = precision },
        };

        var record = GradientProfileTests.FirstStep(spec);

        var values = record.Layers.SelectMany(l => LayerMetrics.Table.All.Where(m => l.Has(m.Metric)).Select(m => l[m.Metric])).Where(double.IsNormal).ToList();
        Assert.NotEmpty(values);
        Assert.Equal(single, values.All(v => (double)(float)v == v));
    }
}
