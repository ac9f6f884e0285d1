using GradientService.Contracts.Wire;

namespace GradientService.Web.Charts;

/// <summary>
/// Shapes the Api's heatmap of a step range (a zoom, fetched at full resolution) for <c>updateHeatmap</c>: rows are
/// layers (layer 1 at the bottom), columns the stored step ranges, coloured by decade; the exact values stay in C#.
/// </summary>
public static class StoredHeatmap
{
    public static HeatmapPayload Shape(Heatmap heatmap, string valueLabel, IReadOnlyList<ChartMark> marks)
    {
        var rows = heatmap.Values.Count;
        var cols = heatmap.ColumnFirstSteps.Count;
        var values = new double[rows * cols];
        var flagged = new List<int>();
        for (var l = 0; l < rows; l++)
        {
            var row = rows - 1 - l; // image row 0 is the top: the last layer
            for (var c = 0; c < cols; c++)
            {
                values[row * cols + c] = heatmap.Values[l][c];
                if (heatmap.NonFinite[l][c]) flagged.Add(row * cols + c);
            }
        }
        var scale = DecadeScale.Around(values);
        var indices = new byte[values.Length];
        for (var i = 0; i < values.Length; i++) indices[i] = scale.Index(values[i]);
        foreach (var cell in flagged) indices[cell] = DecadeScale.NonFinite;
        int[] first = [.. heatmap.ColumnFirstSteps], last = [.. heatmap.ColumnLastSteps];
        var meta = new HeatmapMeta(rows, cols, 1, first, last, Uniform: false,
            cols == 0 ? heatmap.From - 0.5 : first[0] - 0.5, cols == 0 ? heatmap.To + 0.5 : last[^1] + 0.5, scale.Lo, scale.Hi, valueLabel, [.. flagged], marks);
        return HeatmapPayload.Of(values, indices, meta);
    }
}
