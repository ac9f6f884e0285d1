namespace GradientService.Web.Charts;

/// <summary>
/// How a heatmap looks; <see cref="RowName"/> and <see cref="ColumnName"/> name a row and a column in the tooltip ("layer",
/// "lag"; "step"). A <see cref="Categorical"/> heatmap labels its rows and columns with <see cref="HeatmapMeta.YTicks"/>
/// and <see cref="HeatmapMeta.XTicks"/> (a sweep's axis values) instead of numbering them. <see cref="Zoom"/>: a drag across
/// steps calls the component's <c>OnChartZoom(first, last)</c>, a double click <c>OnChartZoom(0, 0)</c>.
/// </summary>
public sealed record HeatmapOptions(string XLabel, string YLabel, string RowName, int Height = 300, string ColumnName = "step", bool Categorical = false,
    IReadOnlyList<string>? RowLabels = null, bool Zoom = false);
