using GradientService.Web.Charts;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Charts;

public sealed class GridHeatmapTests
{
    private readonly LayerGrid _grid = new(Wire.Layers, capacity: 8);
    private readonly GridHeatmap _shaper = new();

    private HeatmapColumns Next() => _shaper.Next(_grid, field: 0, _grid.Columns * _grid.Width, []);

    [Fact]
    public void Next_First_SendsEveryColumnWithTheInputLayerAtTheBottom()
    {
        for (var step = 1; step <= 3; step++) _grid.Add(Wire.Frame(step));

        var update = Next();

        Assert.True(update.Meta.Reset);
        Assert.Equal((0, 3), (update.Meta.From, update.Meta.Count));
        Assert.Equal(Wire.Layers * 3, update.Indices.Length);
        var scale = new DecadeScale(update.Meta.Lo, update.Meta.Hi);
        // Row 0 (top) is the last layer; the bottom row is layer 1. Column 2 holds step 3.
        Assert.Equal(scale.Index(Wire.Frame(3).WeightGradNorm()[Wire.Layers - 1]!.Value), update.Indices[2]);
        Assert.Equal(scale.Index(Wire.Frame(3).WeightGradNorm()[0]!.Value), update.Indices[(Wire.Layers - 1) * 3 + 2]);
    }

    [Fact]
    public void Next_AfterANewStepInsideTheScale_SendsOnlyThatColumn()
    {
        for (var step = 1; step <= 3; step++) _grid.Add(Wire.Frame(step));
        Next();
        _grid.Add(Wire.Frame(4));

        var update = Next();

        Assert.False(update.Meta.Reset);
        Assert.Equal((3, 1), (update.Meta.From, update.Meta.Count));
        Assert.Equal(Wire.Layers, update.Indices.Length);
    }

    [Fact]
    public void Next_WhenAValueLeavesTheScale_RepaintsEverything()
    {
        _grid.Add(Wire.Frame(1));
        Next();
        var frame = Wire.Frame(2);
        frame.WeightGradNorm()[0] = 1e9;
        _grid.Add(frame);

        var update = Next();

        Assert.True(update.Meta.Reset);
        Assert.Equal((0, 2), (update.Meta.From, update.Meta.Count));
        Assert.Equal(9, update.Meta.Hi);
    }

    [Fact]
    public void Next_AfterColumnsMerge_RepaintsEverythingAtTheNewWidth()
    {
        for (var step = 1; step <= 8; step++) _grid.Add(Wire.Frame(step));
        Next();
        _grid.Add(Wire.Frame(9));

        var update = Next();

        Assert.True(update.Meta.Reset);
        Assert.Equal(2, update.Meta.Width);
        Assert.Equal((0, 5), (update.Meta.From, update.Meta.Count));
    }

    [Fact]
    public void CellValue_NumberedAsChartsJs_ReadsTheExactValueOfThatLayerAndColumn()
    {
        for (var step = 1; step <= 3; step++) _grid.Add(Wire.Frame(step));

        // Image row 0 shows the last layer; cells are numbered row × capacity + column.
        Assert.Equal(Wire.Frame(2).WeightGradNorm()[Wire.Layers - 1], GridHeatmap.CellValue(_grid, 0, 0 * 8 + 1));
        Assert.Equal(Wire.Frame(3).WeightGradNorm()[0], GridHeatmap.CellValue(_grid, 0, (Wire.Layers - 1) * 8 + 2));
        Assert.True(double.IsNaN(GridHeatmap.CellValue(_grid, 0, 5)));
    }
}
