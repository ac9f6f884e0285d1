using GradientService.Contracts.Metrics;

namespace GradientService.Api.Series;

/// <summary>The 'fields' query parameters: metric names from a metric table.</summary>
public static class FieldNames
{
    /// <summary>Parses a comma-separated list; unknown names are returned in <paramref name="unknown"/>.</summary>
    public static List<T> ParseList<T>(string? csv, MetricTable<T> table, IEnumerable<T> fallback, out List<string> unknown) where T : struct, Enum
    {
        unknown = [];
        if (string.IsNullOrWhiteSpace(csv)) return [.. fallback];
        var result = new List<T>();
        foreach (var part in csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (table.TryParse(part, out var value)) { if (!result.Contains(value)) result.Add(value); }
            else unknown.Add(part);
        }
        return result;
    }

    /// <summary>Every metric of a table, by ordinal.</summary>
    public static IEnumerable<T> All<T>(MetricTable<T> table) where T : struct, Enum => table.ByOrdinal.Select(m => m.Metric);

    /// <summary>"name: meaning" of every metric, for the Api's documentation.</summary>
    public static string Describe<T>(MetricTable<T> table) where T : struct, Enum =>
        string.Join(" ", table.ByOrdinal.Select(m => $"{m.Name}: {m.Meaning}"));
}
