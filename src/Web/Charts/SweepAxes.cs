using System.Globalization;
using System.Text.Json.Nodes;

namespace GradientService.Web.Charts;

/// <summary>A sweep axis's values as the dashboard shows and orders them (they travel as JSON: strings for enums, numbers for numbers).</summary>
public static class SweepAxes
{
    /// <summary>The value as text: a string without its quotes, anything else as its JSON.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    /// <summary>The value as a number, or null when it is not one.</summary>
    public static double? Number(JsonNode? value) =>
        value is JsonValue && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The last segment of a field's JSON path ("init.weightVariance" → "weightVariance").</summary>
    public static string Name(string field) => field[(field.LastIndexOf('.') + 1)..];
}
