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
        for (var r = 0; r < rows; r++)
        {
            var layer = rows - r;
            for (var c = 0; c < cols; c++)
            {
                values[r * cols + c] = grid.Value(field, c, layer);
                if (grid.NonFinite(field, c, layer)) flagged.Add(r * cols + c);
            }
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
