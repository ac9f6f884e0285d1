using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GradientService.Contracts.Spec;

/// <summary>
/// The one System.Text.Json configuration for run specs, shared by the Api, the tests and any client: camelCase
/// members, enums by their kebab-case <see cref="JsonStringEnumMemberNameAttribute"/> names only (no numbers), numbers
/// only as JSON numbers, unknown members and duplicate members rejected (so a typo fails instead of being ignored),
/// null only where the record allows it, comments and trailing commas allowed. The model's "architecture" may stand
/// anywhere in its object, and a model without one is an mlp (as before the model had a record per architecture).
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
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { MissingArchitectureIsMlp } },
        };
        // Takes precedence over the enums' own [JsonConverter] attributes, which would also accept integers.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// System.Text.Json reads a polymorphic object without its discriminator as the declared type, which for the abstract
    /// <see cref="ModelSpec"/> fails. Here the declared type's contract reads as <see cref="MlpSpec"/>: an mlp instance
    /// with the mlp's members (each delegating to the mlp's own), so errors keep their paths ("$.model.depth").
    /// </summary>
    private static void MissingArchitectureIsMlp(JsonTypeInfo info)
    {
        if (info.Type != typeof(ModelSpec)) return;
        var mlp = ((DefaultJsonTypeInfoResolver)info.Options.TypeInfoResolver!).GetTypeInfo(typeof(MlpSpec), info.Options); // set just above
        info.CreateObject = () => new MlpSpec();
        info.Properties.Clear();
        foreach (var member in mlp.Properties)
        {
            var copy = info.CreateJsonPropertyInfo(member.PropertyType, member.Name);
            copy.Get = member.Get;
            copy.Set = member.Set;
            copy.IsGetNullable = member.IsGetNullable;
            copy.IsSetNullable = member.IsSetNullable;
            copy.AttributeProvider = member.AttributeProvider;
            info.Properties.Add(copy);
        }
    }
}
