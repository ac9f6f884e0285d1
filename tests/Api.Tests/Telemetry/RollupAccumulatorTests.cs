using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;
using GradientService.Core.Probes;

namespace GradientService.Api.Tests.Telemetry;

public sealed class RollupAccumulatorTests
{
    private static LayerStats[] Step(double weightGrad, bool absent = false)
    {
        var layers = new LayerStats[2];
        for (var l = 0; l < layers.Length; l++)
        {
            for (var m = 0; m < LayerMetrics.Count; m++) layers[l][(LayerMetric)m] = (l + 1) * 10 + m;
            layers[l].WeightGradNorm = weightGrad * (l + 1);
            if (absent) layers[l].MarkAbsent(LayerMetric.WeightGradNorm);
        }
        return layers;
    }

    private static LayerFigures Figures(RollupAccumulator rollups, LayerMetric metric, int layer) =>
        new LayerRollup { Stats = rollups.Stats((int)metric), Count = rollups.Count }.Read(layer);

    [Fact]
    public void Add_FiniteNonFiniteAndAbsent_CountsEachApartAndAveragesTheFinite()
    {
        var rollups = new RollupAccumulator(2);
        rollups.Reset(0);
        foreach (var (value, absent) in new[] { (1.0, false), (3.0, false), (double.NaN, false), (double.PositiveInfinity, false), (100.0, true) })
            rollups.Add(Step(value, absent));

        Assert.Equal(new LayerFigures(2, 2, 2, 6, 4), Figures(rollups, LayerMetric.WeightGradNorm, 2));
        Assert.Equal(new LayerFigures(5, 0, 21, 21, 21), Figures(rollups, LayerMetric.BiasGradNorm, 2));
        Assert.Equal(5, rollups.Count);
    }

    [Fact]
    public void Stats_OnlyAbsentValues_HasNoFigures()
    {
        var rollups = new RollupAccumulator(2);
        rollups.Reset(0);
        rollups.Add(Step(1, absent: true));

        var figures = Figures(rollups, LayerMetric.WeightGradNorm, 1);

        Assert.Equal((0, 0), (figures.Finite, figures.NonFinite));
        Assert.True(double.IsNaN(figures.Min) && double.IsNaN(figures.Max) && double.IsNaN(figures.Mean));
    }

    [Fact]
    public void Seed_StoredSamples_SameFiguresAsAddingTheSteps()
    {
        var added = new RollupAccumulator(2);
        added.Reset(3);
        var samples = new List<LayerSample>();
        foreach (var (step, value, absent) in new[] { (193, 1.0, false), (194, double.NegativeInfinity, false), (195, 5.0, true) })
        {
            var layers = Step(value, absent);
            added.Add(layers);
            for (var l = 0; l < layers.Length; l++)
                samples.Add(new LayerSample(l + 1, step, [.. Enumerable.Range(0, LayerMetrics.Count).Select(m => layers[l].Has((LayerMetric)m) ? layers[l][(LayerMetric)m] : (double?)null)]));
        }

        var seeded = new RollupAccumulator(2);
        seeded.Seed(3, samples);

        Assert.Equal((added.Bucket, added.Count), (seeded.Bucket, seeded.Count));
        for (var m = 0; m < LayerMetrics.Count; m++) Assert.Equal(added.Stats(m), seeded.Stats(m));
    }

    [Fact]
    public void Read_Version1Rollup_NonFiniteIsTheRecordedStepsNotFinite()
    {
        var stats = new byte[4 * sizeof(double)];
        ReadOnlySpan<double> v1 = [3, 0.5, 2, 1];
        for (var i = 0; i < v1.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(stats.AsSpan(i * 8), v1[i]);

        var figures = new LayerRollup { Version = 1, Count = 5, Stats = stats }.Read(1);

        Assert.Equal(new LayerFigures(3, 2, 0.5, 2, 1), figures);
    }
}
