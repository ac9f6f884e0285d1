namespace GradientService.Web.Charts;

/// <summary>
/// Changed columns of a layer × step heatmap (see <c>updateHeatmapColumns</c> in charts.js): the values of columns
/// <c>From</c> … <c>From + Count − 1</c> as little-endian float64, column after column, layer 1 first (NaN: empty; +∞: NaN
/// or ±∞ occurred in the cell), which charts.js colours on the scale <c>Lo</c> … <c>Hi</c> by
/// <see cref="DecadeScale.Index"/>'s formula. The tooltip reads the exact value from the grid.
/// </summary>
public sealed record HeatmapColumns(byte[] Values, HeatmapColumnsMeta Meta);

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
