using GradientService.Api.Series;

namespace GradientService.Api.Tests.Series;

public sealed class DownsamplerTests
{
    private static (int[] Steps, double[] Values) Flat(int n, double value = 1) => ([.. Enumerable.Range(1, n)], [.. Enumerable.Repeat(value, n)]);

    [Theory]
    [InlineData(Downsampler.MinMax)]
    [InlineData(Downsampler.Lttb)]
    public void Reduce_SingleSpike_KeepsItsStepAndValue(string method)
    {
        var (steps, values) = Flat(10_000);
        values[6789] = 42;

        var points = Downsampler.Reduce(steps, values, 200, method, 1, 10_000);

        Assert.True(points.Count <= 202);
        Assert.Contains(points, p => p.Step == 6790 && p.Value == 42);
    }

    [Fact]
    public void Reduce_NegativeSpike_KeptByMinMax()
    {
        var (steps, values) = Flat(5000);
        values[100] = -1e-30;

        var points = Downsampler.Reduce(steps, values, 100, Downsampler.MinMax, 1, 5000);

        Assert.Contains(points, p => p.Step == 101 && p.Value == -1e-30);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Reduce_NonFiniteValue_FlagsItsBucket(double bad)
    {
        var (steps, values) = Flat(1000);
        values[500] = bad;

        var points = Downsampler.Reduce(steps, values, 20, Downsampler.MinMax, 1, 1000);

        var flagged = points.Where(p => p.NonFinite == true).ToList();
        Assert.NotEmpty(flagged);
        Assert.All(flagged, p => Assert.InRange(p.Step, 451, 550));
    }

    [Fact]
    public void Reduce_AllNonFiniteBucket_KeepsTheNonFinitePoint()
    {
        var (steps, values) = Flat(100, double.NaN);

        var points = Downsampler.Reduce(steps, values, 10, Downsampler.MinMax, 1, 100);

        Assert.Equal(5, points.Count);
        Assert.All(points, p => Assert.True(double.IsNaN(p.Value) && p.NonFinite == true));
    }

    [Fact]
    public void Reduce_FewerPointsThanBudget_ReturnsThemAll()
    {
        var points = Downsampler.Reduce([1, 2, 3], [0.0, 1, 2], 10, Downsampler.MinMax, 1, 3);

        Assert.Equal([1, 2, 3], points.Select(p => p.Step));
        Assert.All(points, p => Assert.Null(p.NonFinite));
    }

    [Fact]
    public void MinMaxBuckets_TwoSeriesOnOneGrid_AlignBucketForBucket()
    {
        var a = Downsampler.MinMaxBuckets([.. Enumerable.Range(1, 1000)], [.. Enumerable.Range(1, 1000).Select(i => (double)i)], 10, 1, 1000);
        var b = Downsampler.MinMaxBuckets([.. Enumerable.Range(1, 1000)], [.. Enumerable.Range(1, 1000).Select(i => -(double)i)], 10, 1, 1000);

        Assert.Equal(a.Select(p => (p.Step - 1) / 100), b.Select(p => (p.Step - 1) / 100));
    }
}
