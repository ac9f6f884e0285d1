using System.Runtime.InteropServices;
using GradientService.Contracts.Wire;
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
        Assert.Equal(Wire.Layers * 3, Values(update).Length);
        // Column after column, layer 1 first: column 2 holds step 3.
        Assert.Equal(Wire.Frame(3).WeightGradNorm()[0], Values(update)[2 * Wire.Layers]);
        Assert.Equal(Wire.Frame(3).WeightGradNorm()[Wire.Layers - 1], Values(update)[2 * Wire.Layers + Wire.Layers - 1]);
        // Painted as charts.js paints it: row 0 (top) is the last layer, the bottom row layer 1.
        var chart = new ChartImage();
        chart.Paint(update);
        var scale = new DecadeScale(update.Meta.Lo, update.Meta.Hi);
        Assert.Equal(scale.Index(Wire.Frame(3).WeightGradNorm()[Wire.Layers - 1]!.Value), chart.Cells[2]);
        Assert.Equal(scale.Index(Wire.Frame(3).WeightGradNorm()[0]!.Value), chart.Cells[(Wire.Layers - 1) * 8 + 2]);
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
        Assert.Equal(Wire.Layers, Values(update).Length);
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
    public void Next_AfterColumnsMerge_SendsTheMergeAndOnlyTheColumnsChangedSince()
    {
        for (var step = 1; step <= 8; step++) _grid.Add(Wire.Frame(step));
        Next();
        _grid.Add(Wire.Frame(9)); // past the 8 columns: they merge in pairs (width 2) and step 9 starts column 4

        var update = Next();

        Assert.False(update.Meta.Reset);
        Assert.Equal((1, 2), (update.Meta.Merges, update.Meta.Width));
        Assert.Equal((4, 1), (update.Meta.From, update.Meta.Count));
    }

    [Fact]
    public void Next_ColumnsMergedInTheChart_EqualTheMergedGridColouredAfresh()
    {
        for (var step = 1; step <= 15; step++) _grid.Add(Bounded(step));
        var chart = new ChartImage();
        chart.Paint(Next());
        // Step 16 joins a column drawn before and is drawn by no update before the columns merge twice (width 2 → 8).
        for (var step = 16; step <= 33; step++) _grid.Add(Bounded(step));

        var merged = Next();
        chart.Paint(merged);
        var fresh = new ChartImage();
        fresh.Paint(new GridHeatmap().Next(_grid, field: 0, _grid.Columns * _grid.Width, []));

        Assert.Equal((2, 8, false), (merged.Meta.Merges, merged.Meta.Width, merged.Meta.Reset));
        Assert.Equal((1, 4), (merged.Meta.From, merged.Meta.Count)); // column 0 (steps 1–8) is unchanged
        Assert.Equal((fresh.Lo, fresh.Hi), (merged.Meta.Lo, merged.Meta.Hi));
        Assert.Equal(fresh.Cells, chart.Cells);
    }

    /// <summary>A frame whose values stay inside the decades 10⁻³ … 10⁰ whatever the step, so the scale never widens.</summary>
    private static LayerFrame Bounded(int step)
    {
        var frame = Wire.Frame(step);
        var norms = frame.WeightGradNorm();
        for (var l = 0; l < norms.Length; l++) norms[l] = Math.Pow(10, l - 3) * (1 + step * 37 % 9);
        return frame;
    }

    [Fact]
    public void Next_NonFiniteCell_IsSentAsInfinityAndPaintedAsNonFinite()
    {
        _grid.Add(Wire.Frame(1));
        var frame = Wire.Frame(2);
        frame.WeightGradNorm()[1] = double.NaN;
        frame.Values[(int)Contracts.Metrics.LayerMetric.NonFiniteCount][1] = 3;
        _grid.Add(frame);

        var update = Next();
        var chart = new ChartImage();
        chart.Paint(update);

        Assert.Equal(double.PositiveInfinity, Values(update)[Wire.Layers + 1]);
        Assert.Equal(DecadeScale.NonFinite, chart.Cells[(Wire.Layers - 2) * 8 + 1]);
    }

    private static ReadOnlySpan<double> Values(HeatmapColumns update) => MemoryMarshal.Cast<byte, double>(update.Values);

    /// <summary>The chart's image as charts.js keeps it (rows × capacity colour indices), merged and coloured the same way.</summary>
    private sealed class ChartImage
    {
        public byte[] Cells { get; private set; } = [];

        public int Lo { get; private set; }

        public int Hi { get; private set; }

        public void Paint(HeatmapColumns update)
        {
            var (rows, capacity, meta) = (update.Meta.Rows, update.Meta.Capacity, update.Meta);
            (Lo, Hi) = (meta.Lo, meta.Hi);
            if (meta.Reset || Cells.Length != rows * capacity) Cells = new byte[rows * capacity];
            for (var t = 0; t < meta.Merges && !meta.Reset; t++)
            {
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < capacity / 2; c++) Cells[r * capacity + c] = Math.Max(Cells[r * capacity + 2 * c], Cells[r * capacity + 2 * c + 1]);
                    Array.Clear(Cells, r * capacity + capacity / 2, capacity / 2);
                }
            }
            var scale = new DecadeScale(meta.Lo, meta.Hi);
            for (var r = 0; r < rows; r++)
                for (var k = 0; k < meta.Count; k++) Cells[r * capacity + meta.From + k] = scale.Index(Values(update)[k * rows + rows - 1 - r]);
        }
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
