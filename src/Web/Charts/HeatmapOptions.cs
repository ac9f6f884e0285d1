namespace GradientService.Web.Charts;

/// <summary>How a heatmap looks; <see cref="RowName"/> names a row in the tooltip ("layer", "lag").</summary>
public sealed record HeatmapOptions(string XLabel, string YLabel, string RowName, int Height = 300);
