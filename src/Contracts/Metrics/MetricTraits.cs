namespace GradientService.Contracts.Metrics;

/// <summary>What consumers of a metric need to know beyond its name.</summary>
[Flags]
public enum MetricTraits
{
    None = 0,

    /// <summary>A gradient norm: a layer's non-finite gradient entries flag it on the dashboard's heatmap.</summary>
    Gradient = 1,

    /// <summary>
    /// Measured on some steps (or runs) only. A step metric's NaN from the engine means "not measured" and is recorded as
    /// absent; a layer metric is absent until a method writes it.
    /// </summary>
    Sparse = 2,

    /// <summary>Served by the Api and exported, but not offered in the dashboard's field pickers.</summary>
    NotCharted = 4,
}
