using GradientService.Web.Live;

namespace GradientService.Web.Charts;

/// <summary>Shapes one field of a <see cref="LayerGrid"/> into a heatmap: rows are layers (input at the bottom), columns step ranges.</summary>
public static class GridHeatmap
{
    public static HeatmapPayload Shape(LayerGrid grid, int field, int lastStep, int totalSteps, IReadOnlyList<ChartMark> marks)
    {
        int rows = grid.Layers, cols = grid.Columns;
        var values = new double[rows * cols];
        var flagged = new List<int>();
        for (var c = 0; c < cols; c++)
        {
            var column = grid.Column(field, c); // layer l at index l − 1; image row r shows layer rows − r
            for (var l = 0; l < rows; l++) values[(rows - 1 - l) * cols + c] = column[l];
            if (grid.AnyNonFinite(field, c))
                for (var l = 0; l < rows; l++)
                    if (grid.NonFinite(field, c, l + 1)) flagged.Add((rows - 1 - l) * cols + c);
        }
        var scale = DecadeScale.Around(values);
        var indices = new byte[values.Length];
        for (var i = 0; i < values.Length; i++) indices[i] = scale.Index(values[i]);
        foreach (var cell in flagged) indices[cell] = DecadeScale.NonFinite;
        var first = new int[cols];
        var last = new int[cols];
        for (var c = 0; c < cols; c++)
        {
            (first[c], last[c]) = grid.StepsOf(c);
            last[c] = Math.Min(last[c], Math.Max(lastStep, first[c]));
        }
        var meta = new HeatmapMeta(rows, cols, 1, first, last, Uniform: true, 0.5, Math.Max(Math.Max(totalSteps, lastStep), 1) + 0.5,
            scale.Lo, scale.Hi, LayerFields.All[field].Label, [.. flagged], marks);
        return HeatmapPayload.Of(values, indices, meta);
    }
}
