using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradientService.Web.Services;

/// <summary>JSON as the Api writes it: camelCase, enums by their kebab-case names, and NaN/±∞ as the strings "NaN", "Infinity", "-Infinity".</summary>
public static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
