using System.ComponentModel.DataAnnotations;

namespace GradientService.Api.Options;

/// <summary>Server-side caps on reads ("Queries" section).</summary>
public sealed class QueryOptions
{
    public const string Section = "Queries";

    /// <summary>Smallest maxPoints a series request may ask for (a min-max bucket gives two points).</summary>
    public const int MinPoints = 10;

    /// <summary>Largest maxPoints a series request may ask for.</summary>
    [Range(MinPoints, 1_000_000)]
    public int MaxPoints { get; set; } = 20_000;

    /// <summary>Points when the request names none.</summary>
    [Range(MinPoints, 1_000_000)]
    public int DefaultPoints { get; set; } = 2000;

    /// <summary>Largest page of runs or events.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Most rows one CSV export writes.</summary>
    [Range(1, 100_000_000)]
    public int MaxExportRows { get; set; } = 20_000_000;

    /// <summary>Largest heatmap, in cells (layers × columns).</summary>
    [Range(100, 100_000_000)]
    public int MaxHeatmapCells { get; set; } = 1_000_000;

    /// <summary>Most time-lag profiles one request may ask for.</summary>
    [Range(1, 100_000)]
    public int MaxProfiles { get; set; } = 1000;
}
