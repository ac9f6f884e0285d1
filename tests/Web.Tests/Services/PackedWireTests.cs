using GradientService.Contracts.Wire;

namespace GradientService.Web.Tests.Services;

/// <summary>The MessagePack columns the dashboard reads (<see cref="PackedHeatmap"/>, <see cref="PackedSeries"/>): the JSON record's numbers, exact.</summary>
public sealed class PackedWireTests
{
    [Fact]
    public void ToHeatmap_PackedHeatmap_GivesBackEveryCellAndFlagExactly()
    {
        double[][] values = [[1e-300, double.NaN, 3.5], [double.MaxValue, 0.1 + 0.2, -0.0]];
        bool[][] flags = [[false, true, false], [true, false, false]];
        var heatmap = new Heatmap(Guid.NewGuid(), "weightGradNorm", "max", 1, 300, [1, 101, 201], [100, 200, 300], values, flags);

        var read = PackedHeatmap.Of(heatmap).ToHeatmap();

        Assert.Equal(heatmap.ColumnFirstSteps, read.ColumnFirstSteps);
        Assert.Equal(heatmap.ColumnLastSteps, read.ColumnLastSteps);
        Assert.Equal(values.SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits), read.Values.SelectMany(v => v).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(flags.SelectMany(f => f), read.NonFinite.SelectMany(f => f));
    }

    [Fact]
    public void Of_SeriesWithASpike_KeepsItsStepValueAndNonFiniteFlagInColumns()
    {
        var series = new SeriesData("gradNormBefore", [new SeriesPoint(1, 0.5), new SeriesPoint(77_777, 1.2345e12, true), new SeriesPoint(100_000, 0.25)]);

        var packed = PackedSeriesData.Of(series);

        Assert.Equal([1, 77_777, 100_000], packed.StepArray());
        Assert.Equal([0.5, 1.2345e12, 0.25], packed.ValueArray());
        Assert.Equal([0, 1, 0], packed.NonFinite);
    }
}
