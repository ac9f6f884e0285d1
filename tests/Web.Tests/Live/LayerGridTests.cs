using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Live;

public sealed class LayerGridTests
{
    [Fact]
    public void Add_PastCapacity_MergesColumnsKeepingTheLargestValue()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        for (var step = 1; step <= 8; step++) grid.Add(Wire.Frame(step));

        Assert.Equal(2, grid.Width);
        Assert.Equal(4, grid.Columns);
        Assert.Equal((1, 2), grid.StepsOf(0));
        Assert.Equal(Wire.Frame(2).WeightGradNorm()[0], grid.Value(0, 0, 1));
        Assert.Equal(Wire.Frame(8).WeightGradNorm()[2], grid.Value(0, 3, 3));
    }

    [Fact]
    public void FirstChangedSince_AfterColumnsMerge_IsTheFirstMergedColumnHoldingAChange()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        for (var step = 1; step <= 3; step++) grid.Add(Wire.Frame(step));
        var drawn = grid.Version;
        grid.Add(Wire.Frame(4));
        grid.Add(Wire.Frame(5)); // the columns merge: steps 3–4 (column 1) changed, 1–2 (column 0) did not

        Assert.Equal(1, grid.Compactions);
        Assert.Equal(1, grid.FirstChangedSince(drawn));
        Assert.Equal(grid.Columns, grid.FirstChangedSince(grid.Version));
    }

    [Fact]
    public void Add_100kSteps_MemoryStaysAtCapacity()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 1024);
        for (var step = 1; step <= 100_000; step++) grid.Add(Wire.Frame(step));

        Assert.True(grid.Columns <= 1024);
        Assert.Equal(128, grid.Width);
        Assert.Equal(Wire.Frame(100_000).WeightGradNorm()[0], grid.Value(0, grid.ColumnOf(100_000), 1));
    }

    [Fact]
    public void Presize_EmptyGrid_FitsTheRunSoNoColumnsMergeWhileItFills()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);

        grid.Presize(30);
        var compactions = grid.Compactions;
        for (var step = 1; step <= 30; step++) grid.Add(Wire.Frame(step));

        Assert.Equal(8, grid.Width);
        Assert.Equal(compactions, grid.Compactions);
        Assert.Equal(4, grid.Columns);
        Assert.Equal(Wire.Frame(30).WeightGradNorm()[0], grid.Value(0, 3, 1));
    }

    [Fact]
    public void Presize_AStepHeld_LeavesTheWidth()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        grid.Add(Wire.Frame(1));

        grid.Presize(1000);

        Assert.Equal(1, grid.Width);
        Assert.Equal(Wire.Frame(1).WeightGradNorm()[0], grid.Value(0, 0, 1));
    }

    [Fact]
    public void EnsureGrid_KnownTotalSteps_GridFitsTheWholeRun()
    {
        var data = new RunData(Guid.NewGuid(), gridColumns: 1024) { TotalSteps = 20_000 };

        data.EnsureGrid(Wire.Layers);

        Assert.Equal(32, data.Grid!.Width);
        Assert.Equal(0, data.Grid.Columns);
    }

    [Fact]
    public void Reserve_EmptyGridFarStep_WidensAtOnceAndTheStepLandsInItsColumn()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);

        var column = grid.Reserve(30);
        grid.Add(Wire.Frame(30));

        Assert.Equal(8, grid.Width);
        Assert.Equal(3, column);
        Assert.Equal(4, grid.Columns);
        Assert.Equal(Wire.Frame(30).WeightGradNorm()[0], grid.Value(0, 3, 1));
        Assert.True(double.IsNaN(grid.Value(0, 0, 1)));
    }

    [Fact]
    public void Add_OddColumnsInUsePastCapacity_MergeTheLastWithAnEmptyOne()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        grid.Add(Wire.Frame(1));
        grid.Add(Wire.Frame(3));

        grid.Add(Wire.Frame(5));

        Assert.Equal(2, grid.Width);
        Assert.Equal(3, grid.Columns);
        Assert.Equal(Wire.Frame(3).WeightGradNorm()[0], grid.Value(0, 1, 1));
        Assert.Equal(Wire.Frame(5).WeightGradNorm()[0], grid.Value(0, 2, 1));
        Assert.True(double.IsNaN(grid.Value(0, 3, 1)));
    }

    [Fact]
    public void Add_InfiniteGradient_FlagsTheCellWithoutStoringIt()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        var frame = Wire.Frame(1);
        frame.WeightGradNorm()[1] = double.PositiveInfinity;
        grid.Add(frame);

        Assert.True(grid.NonFinite(0, 0, 2));
        Assert.True(double.IsNaN(grid.Value(0, 0, 2)));
        Assert.False(grid.NonFinite(0, 0, 1));
    }

    [Fact]
    public void Add_AbsentValues_LeaveTheCellEmptyAndUnflagged()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        var frame = Wire.Frame(1);
        frame.WeightGradNorm()[1] = null;
        grid.Add(frame);

        Assert.True(double.IsNaN(grid.Value(0, 0, 2)));
        Assert.False(grid.NonFinite(0, 0, 2));
        Assert.Equal(Wire.Frame(1).WeightGradNorm()[0], grid.Value(0, 0, 1));
    }

    [Fact]
    public void Add_NonFiniteGradientEntries_FlagEveryGradientMetricOnly()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        var frame = Wire.Frame(1);
        frame.Values[(int)LayerMetric.NonFiniteCount][2] = 4;
        grid.Add(frame);

        var flagged = Enumerable.Range(0, ChartedMetrics.All.Count).Where(f => grid.NonFinite(f, 0, 3)).Select(f => ChartedMetrics.All[f].Metric);
        Assert.Equal([LayerMetric.WeightGradNorm, LayerMetric.DeltaNorm, LayerMetric.BiasGradNorm, LayerMetric.OutputGradNorm, LayerMetric.BranchGradNorm, LayerMetric.SkipGradNorm], flagged);
    }

    [Fact]
    public void Merge_OneFieldOfAStoredHeatmap_LeavesEveryOtherFieldEmptyAndUnflagged()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        double[][] values = [.. Enumerable.Range(1, Wire.Layers).Select(l => new[] { 0.5 * l })];
        bool[][] flags = [.. Enumerable.Range(1, Wire.Layers).Select(l => new[] { l == 2 })];

        grid.Merge(1, Stored([1], [1], values, flags));

        Assert.Equal(1.0, grid.Value(1, 0, 2));
        Assert.True(grid.NonFinite(1, 0, 2));
        Assert.True(double.IsNaN(grid.Value(0, 0, 2)));
        Assert.False(grid.AnyNonFinite(0, 0));
        Assert.True(grid.Column(0, 0).ToArray().All(double.IsNaN));
        Assert.Equal(Wire.Layers, grid.Column(0, 0).Length);
    }

    [Fact]
    public void Reserve_PastCapacityWithOneFieldHeld_MergesThatFieldsColumnsAndLeavesTheOthersEmpty()
    {
        var grid = new LayerGrid(Wire.Layers, capacity: 4);
        double[][] values = [.. Enumerable.Range(1, Wire.Layers).Select(l => new[] { 1.0 * l, -0.0, -0.0, 0.0 })];
        bool[][] flags = [.. Enumerable.Range(1, Wire.Layers).Select(l => new[] { false, false, false, false })];
        grid.Merge(2, Stored([1, 2, 3, 4], [1, 2, 3, 4], values, flags));

        grid.Reserve(5); // the width doubles

        Assert.Equal(2, grid.Width);
        Assert.Equal([1.0, 2.0, 3.0], Enumerable.Range(1, Wire.Layers).Select(l => grid.Value(2, 0, l)));
        Assert.True(Enumerable.Range(1, Wire.Layers).All(l => double.IsPositive(grid.Value(2, 1, l)) && grid.Value(2, 1, l) == 0)); // −0 and +0: +0
        Assert.True(double.IsNaN(grid.Value(2, 2, 1)) && double.IsNaN(grid.Value(2, 3, 1)));
        Assert.True(Enumerable.Range(0, ChartedMetrics.All.Count).Where(f => f != 2).All(f => grid.Column(f, 0).ToArray().All(double.IsNaN)));
    }

    [Fact]
    public void Merge_StoredColumnsNarrowerAndWiderThanOurs_KeepEachCellsLargestFiniteValueAndFlags()
    {
        // Capacity 4 at width 2 after step 5: the stored columns 1–2 and 3–4 land in our columns 0 and 1, 5–8 spans 2 and 3.
        var grid = new LayerGrid(2, capacity: 4);
        grid.Reserve(8);
        double[][] values = [[0.5, 2.0, 3.0], [double.NaN, double.PositiveInfinity, 4.0]];
        bool[][] flags = [[false, true, false], [false, false, false]];

        grid.Merge(0, Stored([1, 3, 5], [2, 4, 8], values, flags));
        grid.Merge(0, Stored([1], [2], [[0.25], [1.5]], [[false], [false]]));

        Assert.Equal([0.5, 1.5], grid.Column(0, 0).ToArray());
        Assert.Equal(2.0, grid.Value(0, 1, 1));
        Assert.True(double.IsNaN(grid.Value(0, 1, 2)));
        Assert.Equal([3.0, 4.0], grid.Column(0, 2).ToArray());
        Assert.Equal([3.0, 4.0], grid.Column(0, 3).ToArray());
        Assert.Equal([true, true, true, false], [grid.NonFinite(0, 1, 1), grid.NonFinite(0, 1, 2), grid.AnyNonFinite(0, 1), grid.AnyNonFinite(0, 0)]);
    }

    private static Heatmap Stored(int[] first, int[] last, double[][] values, bool[][] flags) =>
        new(Guid.Empty, "weightGradNorm", "max", first[0], last[^1], first, last, values, flags);
}
