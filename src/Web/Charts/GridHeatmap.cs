using System.Runtime.InteropServices;
using GradientService.Web.Live;

namespace GradientService.Web.Charts;

/// <summary>
/// Shapes one field of a <see cref="LayerGrid"/> into heatmap updates: rows are layers (input at the bottom), columns
/// step ranges. It remembers what it sent, so a live update sends only the columns that changed since (usually the
/// newest one or two) instead of the whole grid. When the grid merges its columns (the
/// width doubles) the chart merges its own the same way: a cell's colour index is monotonic in its value, so the larger
/// index of a pair is the merged cell's, exactly. Everything is sent again when the field or the colour scale changes.
/// </summary>
public sealed class GridHeatmap
{
    private LayerGrid? _grid;
    private int _field = -1;
    private int _compactions = -1;
    private long _version;
    private DecadeScale _scale;

    public HeatmapColumns Next(LayerGrid grid, int field, int lastStep, IReadOnlyList<ChartMark> marks)
    {
        var reset = !ReferenceEquals(grid, _grid) || field != _field;
        var merges = reset ? 0 : grid.Compactions - _compactions;
        var from = reset ? 0 : grid.FirstChangedSince(_version);
        if (!reset && !_scale.Covers(Range(grid, field, from)))
        {
            reset = true; // the scale widens: every colour changes
            (from, merges) = (0, 0);
        }
        if (reset) _scale = DecadeScale.Around(Range(grid, field, 0));
        (_grid, _field, _compactions, _version) = (grid, field, grid.Compactions, grid.Version);

        // The cells' values as they are, column after column (layer 1 first), a flagged cell (NaN or ±∞ occurred) as +∞:
        // one block copy here, the colouring in charts.js (by DecadeScale.Index's formula), so a live update costs the
        // interpreted .NET next to nothing however many columns changed.
        int rows = grid.Layers, count = grid.Columns - from;
        var bytes = new byte[rows * count * sizeof(double)];
        var values = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
        grid.CopyCells(field, from, values);
        for (var c = from; c < grid.Columns; c++)
        {
            if (!grid.AnyNonFinite(field, c)) continue;
            for (var l = 1; l <= rows; l++) if (grid.NonFinite(field, c, l)) values[(c - from) * rows + l - 1] = double.PositiveInfinity;
        }
        // The axis ends at the newest step held (the page's progress bar shows how far the run has to go).
        var meta = new HeatmapColumnsMeta(rows, grid.Columns, grid.Capacity, from, count, reset, merges, grid.Width, Math.Max(lastStep, 1) + 0.5,
            _scale.Lo, _scale.Hi, ChartedMetrics.All[field].Label, marks);
        return new HeatmapColumns(bytes, meta);
    }

    /// <summary>The exact value of a cell numbered as charts.js numbers it (image row × capacity + column); NaN when empty.</summary>
    public static double CellValue(LayerGrid grid, int field, int cell)
    {
        var (row, column) = Math.DivRem(cell, grid.Capacity);
        var layer = grid.Layers - row;
        return cell < 0 || column >= grid.Columns || layer < 1 || layer > grid.Layers ? double.NaN : grid.Value(field, column, layer);
    }

    private static PositiveRange Range(LayerGrid grid, int field, int from)
    {
        var range = PositiveRange.Empty;
        for (var c = from; c < grid.Columns; c++) range.Add(grid.Column(field, c));
        return range;
    }
}
