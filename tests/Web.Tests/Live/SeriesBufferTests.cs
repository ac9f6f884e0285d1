using GradientService.Web.Live;

namespace GradientService.Web.Tests.Live;

public sealed class SeriesBufferTests
{
    [Fact]
    public void Add_WithinCapacity_KeepsEveryStepExactly()
    {
        var buffer = new SeriesBuffer(capacity: 16);
        for (var s = 1; s <= 16; s++) buffer.Add(s, s * 0.5);

        var (steps, values) = buffer.Snapshot();

        Assert.Equal(Enumerable.Range(1, 16).Select(s => (double)s), steps);
        Assert.Equal(Enumerable.Range(1, 16).Select(s => s * 0.5), values);
        Assert.Equal(1, buffer.BucketSize);
    }

    [Fact]
    public void Add_FarPastCapacity_StaysBoundedAndKeepsTheSpikeAtItsStep()
    {
        var buffer = new SeriesBuffer(capacity: 64);
        for (var s = 1; s <= 100_000; s++) buffer.Add(s, s == 31_337 ? 1e6 : 1.0 + (s % 7) * 1e-3);

        var (steps, values) = buffer.Snapshot();

        Assert.True(steps.Length <= 64, $"{steps.Length} points held");
        var spike = Array.IndexOf(values, 1e6);
        Assert.True(spike >= 0, "the spike was decimated away");
        Assert.Equal(31_337, steps[spike]);
        Assert.Equal(1.0, values.Min());
    }

    [Fact]
    public void Add_NonFiniteValues_AreLeftOutOfTheMinAndMax()
    {
        var buffer = new SeriesBuffer(capacity: 8);
        for (var s = 1; s <= 40; s++) buffer.Add(s, s % 5 == 0 ? double.NaN : s);

        var (steps, values) = buffer.Snapshot();

        Assert.Contains(values, double.IsFinite);
        Assert.Equal(40, buffer.LastStep);
        Assert.True(double.IsNaN(buffer.LastValue));
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First < p.Second), "steps are in order");
    }
}
