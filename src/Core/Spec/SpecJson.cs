using GradientService.Contracts.Spec;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradientService.Core.Spec;

/// <summary>
/// The one System.Text.Json configuration for run specs, shared by the Api, the tests and any client: camelCase
/// members, enums by their kebab-case <see cref="JsonStringEnumMemberNameAttribute"/> names only (no numbers), numbers
/// only as JSON numbers, unknown members and duplicate members rejected (so a typo fails instead of being ignored),
/// null only where the record allows it, comments and trailing commas allowed.
/// </summary>
public static class SpecJson
{
    /// <summary>Read-only options; errors surface as <see cref="JsonException"/> whose Path names the field ("$.model.activation").</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        // Takes precedence over the enums' own [JsonConverter] attributes, which would also accept integers.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
