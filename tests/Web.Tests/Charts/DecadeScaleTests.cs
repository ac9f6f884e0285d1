using GradientService.Web.Charts;

namespace GradientService.Web.Tests.Charts;

public sealed class DecadeScaleTests
{
    [Fact]
    public void Around_SpansWholeDecadesOfThePositiveFiniteValues()
    {
        var scale = DecadeScale.Around([3e-7, 0, double.NaN, 2.5e2, double.PositiveInfinity, -1]);

        Assert.Equal(new DecadeScale(-7, 3), scale);
    }

    [Theory]
    [InlineData(double.NaN, DecadeScale.Empty)]
    [InlineData(double.PositiveInfinity, DecadeScale.NonFinite)]
    [InlineData(double.NegativeInfinity, DecadeScale.NonFinite)]
    [InlineData(0.0, DecadeScale.Lowest)]
    [InlineData(1e-9, DecadeScale.Lowest)]
    [InlineData(1e-6, DecadeScale.Lowest)]
    [InlineData(1.0, DecadeScale.Highest)]
    [InlineData(1e9, DecadeScale.Highest)]
    public void Index_MapsEdgeValuesToTheirColours(double value, byte expected) =>
        Assert.Equal(expected, new DecadeScale(-6, 0).Index(value));

    [Fact]
    public void Index_MidDecade_IsInTheMiddleOfTheScale()
    {
        var index = new DecadeScale(-6, 0).Index(1e-3);

        Assert.InRange(index, 126, 129);
    }

    [Theory]
    [InlineData(1e-6, 1.0, true)]
    [InlineData(5e-7, 1.0, false)]
    [InlineData(1e-3, 2.0, false)]
    public void Covers_TellsWhetherValuesFallInsideTheDecades(double min, double max, bool expected)
    {
        var range = PositiveRange.Empty;
        range.Add([min, 0, double.NaN, max, double.PositiveInfinity]);

        Assert.Equal(expected, new DecadeScale(-6, 0).Covers(range));
    }

    [Fact]
    public void Covers_NoPositiveFiniteValues_IsTrue()
    {
        var range = PositiveRange.Empty;
        range.Add([0, -1, double.NaN]);

        Assert.True(range.IsEmpty);
        Assert.True(new DecadeScale(-6, 0).Covers(range));
    }
}
