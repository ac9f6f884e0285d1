using GradientService.Web.Charts;

namespace GradientService.Web.Tests.Charts;

public sealed class PhaseHeatmapTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 1.5)]
    [InlineData(2.0, 3.0)]
    [InlineData(3.0, 3.5)]   // between the last two values: linear in value
    [InlineData(6.0, 5.0)]   // beyond the last: the last segment extended
    [InlineData(-1.0, 0.0)]  // before the first: the first segment extended
    public void Position_Value_FallsBetweenTheAxisValuesLinearly(double value, double expected) =>
        Assert.Equal(expected, PhaseHeatmap.Position([0, 1, 2, 4], value), 1e-12);

    [Theory]
    [InlineData(0.0, DecadeScale.Lowest)]
    [InlineData(1.0, DecadeScale.Highest)]
    [InlineData(1.5, DecadeScale.Highest)]
    [InlineData(double.NaN, DecadeScale.Empty)]
    public void ShareIndex_Share_RunsLinearlyOverThePalette(double share, byte expected) => Assert.Equal(expected, PhaseHeatmap.ShareIndex(share));

    [Fact]
    public void ShareIndex_HalfAndFull_AreHalfThePaletteApart() =>
        Assert.Equal((DecadeScale.Highest - DecadeScale.Lowest) / 2.0, PhaseHeatmap.ShareIndex(1.0) - PhaseHeatmap.ShareIndex(0.5), 1.0);
}
