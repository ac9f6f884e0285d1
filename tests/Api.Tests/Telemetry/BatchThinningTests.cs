using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Telemetry;

public sealed class BatchThinningTests
{
    /// <summary>A frame whose first <paramref name="present"/> metrics have a value at every layer (all when null); the others are absent.</summary>
    private static LayerFrame Frame(int step, int layers, int? present = null) =>
        new(step, [.. Enumerable.Range(0, LayerMetrics.Count).Select(m => Enumerable.Repeat<double?>(m < (present ?? LayerMetrics.Count) ? step : null, layers).ToArray())]);

    [Theory]
    [InlineData(3, 33_000, 33_000 / (3 * LayerMetrics.Count))]
    [InlineData(100, 33_000, 33_000 / (100 * LayerMetrics.Count))]
    [InlineData(100_000, 30_000, 1)]
    public void Room_LayersAndBudget_FramesOfEveryMetricThatFit(int layers, int budget, int room)
    {
        Assert.Equal(room, BatchThinning.Room(layers, budget));
    }

    [Fact]
    public void Fit_FramesWithinTheBudget_KeepsEveryFrame()
    {
        List<LayerFrame> frames = [.. Enumerable.Range(1, 10).Select(s => Frame(s, 2))];

        var (kept, thinned) = BatchThinning.Fit(frames, new HashSet<int>(), 10 * 2 * LayerMetrics.Count);

        Assert.False(thinned);
        Assert.Equal(frames, kept);
    }

    [Fact]
    public void Fit_OverTheBudget_KeepsTheLastTheEventStepsAndEvenlySpacedOthers()
    {
        List<LayerFrame> frames = [.. Enumerable.Range(1, 100).Select(s => Frame(s, 2))];

        var (kept, thinned) = BatchThinning.Fit(frames, new HashSet<int> { 37, 38 }, 10 * 2 * LayerMetrics.Count);

        Assert.True(thinned);
        Assert.Equal(10, kept.Count);
        Assert.Contains(kept, f => f.Step == 100);
        Assert.Contains(kept, f => f.Step == 37);
        Assert.Contains(kept, f => f.Step == 38);
        Assert.Equal(kept.Select(f => f.Step).Order(), kept.Select(f => f.Step));
    }

    [Fact]
    public void Fit_AbsentMetrics_CountNothingAgainstTheBudget()
    {
        List<LayerFrame> frames = [.. Enumerable.Range(1, 20).Select(s => Frame(s, 2, present: 3))];

        var (kept, thinned) = BatchThinning.Fit(frames, new HashSet<int>(), 20 * 2 * 3);

        Assert.False(thinned);
        Assert.Equal(frames, kept);
    }

    [Fact]
    public void Fit_AbsentMetricsOverTheBudget_KeepsTheFramesWhosePresentValuesFit()
    {
        List<LayerFrame> frames = [.. Enumerable.Range(1, 100).Select(s => Frame(s, 2, present: 3))];

        var (kept, thinned) = BatchThinning.Fit(frames, new HashSet<int>(), 10 * 2 * 3);

        Assert.True(thinned);
        Assert.Equal(10, kept.Count);
        Assert.Contains(kept, f => f.Step == 100);
    }

    [Fact]
    public void PresentValues_NullsAndValues_CountsTheValues()
    {
        Assert.Equal(2 * 3, BatchThinning.PresentValues(Frame(1, 2, present: 3)));
    }

    [Fact]
    public void Pick_MoreEventStepsThanRoom_KeepsTheLastStepAndTheEarliestEvents()
    {
        var keep = BatchThinning.Pick([.. Enumerable.Range(1, 50)], new HashSet<int> { 5, 6, 7, 8 }, 3);

        Assert.Equal([5, 6, 50], keep.Order());
    }
}
