using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace GradientService.Api.Series;

/// <summary>Wire names of <see cref="LayerField"/> and <see cref="StepField"/> (their JSON names), for query strings and CSV headers.</summary>
public static class FieldNames
{
    public static readonly FrozenDictionary<string, LayerField> Layer = Build<LayerField>();

    public static readonly FrozenDictionary<string, StepField> Step = Build<StepField>();

    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    private static FrozenDictionary<string, T> Build<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToFrozenDictionary(NameOf, StringComparer.OrdinalIgnoreCase);

    private static string NameOf<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, NameOf);
    }

    /// <summary>Parses a comma-separated list; unknown names are returned in <paramref name="unknown"/>.</summary>
    public static List<T> ParseList<T>(string? csv, FrozenDictionary<string, T> names, IEnumerable<T> fallback, out List<string> unknown)
    {
        unknown = [];
        if (string.IsNullOrWhiteSpace(csv)) return [.. fallback];
        var result = new List<T>();
        foreach (var part in csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.TryGetValue(part, out var value)) { if (!result.Contains(value)) result.Add(value); }
            else unknown.Add(part);
        }
        return result;
    }
}
