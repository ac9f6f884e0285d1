namespace GradientService.Web.Charts;

/// <summary>
/// Changed columns of a layer × step heatmap (see <c>updateHeatmapColumns</c> in charts.js): colour indices of columns
/// <c>From</c> … <c>From + Count − 1</c>, rows × count, row 0 at the top. The exact values stay in the grid, where the
/// tooltip reads the one under the cursor.
/// </summary>
public sealed record HeatmapColumns(byte[] Indices, HeatmapColumnsMeta Meta);

/// <summary>
/// <c>Cols</c>: columns in use; <c>Capacity</c>: columns the grid can hold (the image's width). <c>Reset</c>: repaint
/// from scratch. <c>Merges</c>: times the columns painted before merged in pairs since the last update (each time
/// the chart's cell c becomes the larger colour index of cells 2c and 2c + 1), before the columns sent are painted. <c>Width</c>: steps per column (column c holds steps c·w + 1 … (c + 1)·w). <c>X1</c>: the step axis'
/// end. <c>Lo</c>/<c>Hi</c>: the colour scale's decades.
/// </summary>
public sealed record HeatmapColumnsMeta(
    int Rows,
    int Cols,
    int Capacity,
    int From,
    int Count,
    bool Reset,
    int Merges,
    int Width,
    double X1,
    int Lo,
    int Hi,
    string ValueLabel,
    IReadOnlyList<ChartMark> Marks);
