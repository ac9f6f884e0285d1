namespace GradientService.Web.Charts;

/// <summary>
/// One heatmap update: colour indices (rows × columns, row 0 at the top) and the layout go to JS (see
/// <c>updateHeatmap</c> in charts.js); the exact values of the same cells stay in C#, where the tooltip asks for the one
/// under the cursor, so an update moves one byte per cell instead of eight.
/// </summary>
public sealed record HeatmapPayload(byte[] Indices, double[] Values, HeatmapMeta Meta)
{
    public static HeatmapPayload Of(double[] values, byte[] indices, HeatmapMeta meta) => new(indices, values, meta);
}

/// <summary>
/// <c>RowFirst</c>: number of the bottom row (layer 1, lag 0 …). <c>First</c>/<c>Last</c>: steps of each column.
/// <c>Uniform</c>: columns are equally wide and adjacent (one image draw). <c>X0</c>/<c>X1</c>: the step axis' range.
/// <c>Lo</c>/<c>Hi</c>: the colour scale's decades. <c>Flagged</c>: cells (row-major, top first) where NaN or ±∞ occurred.
/// <c>XTicks</c>/<c>YTicks</c>: a categorical heatmap's column and row labels (columns and rows numbered from 1).
/// <c>Lines</c>: drawn over the cells. <c>Linear</c>: the colours run linearly from Lo to Hi (a share), not over decades.
/// </summary>
public sealed record HeatmapMeta(
    int Rows,
    int Cols,
    int RowFirst,
    int[] First,
    int[] Last,
    bool Uniform,
    double X0,
    double X1,
    int Lo,
    int Hi,
    string ValueLabel,
    int[] Flagged,
    IReadOnlyList<ChartMark> Marks,
    IReadOnlyList<string>? XTicks = null,
    IReadOnlyList<string>? YTicks = null,
    IReadOnlyList<ChartLine>? Lines = null,
    bool Linear = false);

/// <summary>A line over a heatmap in its axes' units (column and row numbers, fractional between them); a null breaks it.</summary>
public sealed record ChartLine(string Label, string Color, bool Dash, double?[] X, double?[] Y);
