using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GradientService.Web.Services;

/// <summary>JSON as the Api writes it: camelCase, enums by their kebab-case names, and NaN/±∞ as the strings "NaN", "Infinity", "-Infinity".</summary>
public static class WireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        TypeInfoResolver = Resolver,
    };

    /// <summary>The source-generated contracts first, reflection for anything else (a JsonObject body, hub arguments).</summary>
    public static IJsonTypeInfoResolver Resolver => JsonTypeInfoResolver.Combine(WireJsonContext.Default, new DefaultJsonTypeInfoResolver());
}
