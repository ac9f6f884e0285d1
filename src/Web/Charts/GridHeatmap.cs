using GradientService.Web.Live;

namespace GradientService.Web.Charts;

/// <summary>
/// Shapes one field of a <see cref="LayerGrid"/> into heatmap updates: rows are layers (input at the bottom), columns
/// step ranges. It remembers what it sent, so a live update colours and sends only the columns that changed since
/// (usually the newest one or two, 100 bytes each) instead of the whole grid. When the grid merges its columns (the
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

        int rows = grid.Layers, count = grid.Columns - from;
        var indices = new byte[rows * count];
        for (var c = from; c < grid.Columns; c++)
        {
            var column = grid.Column(field, c); // layer l at index l − 1; image row r shows layer rows − r
            var flagged = grid.AnyNonFinite(field, c);
            for (var l = 0; l < rows; l++)
            {
                var index = flagged && grid.NonFinite(field, c, l + 1) ? DecadeScale.NonFinite : _scale.Index(column[l]);
                indices[(rows - 1 - l) * count + c - from] = index;
            }
        }
        // The axis ends at the newest step held (the page's progress bar shows how far the run has to go).
        var meta = new HeatmapColumnsMeta(rows, grid.Columns, grid.Capacity, from, count, reset, merges, grid.Width, Math.Max(lastStep, 1) + 0.5,
            _scale.Lo, _scale.Hi, ChartedMetrics.All[field].Label, marks);
        return new HeatmapColumns(indices, meta);
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
