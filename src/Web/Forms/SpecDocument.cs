using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Web.Services;

namespace GradientService.Web.Forms;

/// <summary>
/// The spec being edited, as the JSON the Api receives. Text that does not parse as the field's type is kept as a JSON
/// string, so the Api's validation names the field and says what is wrong, exactly as for any other client.
/// A cleared optional field becomes an explicit null, which also removes a preset's value in a merge patch.
/// </summary>
public sealed class SpecDocument
{
    public SpecDocument(RunSpec spec) => Root = (JsonObject)JsonSerializer.SerializeToNode(spec, WireJson.Options)!; // a record serialises to an object

    public JsonObject Root { get; }

    public string Text(string path) => Node(path) switch
    {
        null => "",
        JsonArray array when array.Any(n => n is JsonObject) => array.ToJsonString(Indented),
        JsonArray array => string.Join(", ", array.Select(n => n?.ToJsonString() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value => value.ToJsonString(),
        var other => other.ToJsonString(),
    };

    public bool Flag(string path) => Node(path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The architecture the model names (mlp when it names none).</summary>
    public string Architecture => Root["model"] is JsonObject model ? ModelJson.Architecture(model) ?? "" : SpecSchema.DefaultArchitecture;

    public void Set(SpecField field, string? text)
    {
        var (parent, key) = Parent(field.Path);
        text = text?.Trim() ?? "";
        if (field.Path == "model." + SpecSchema.ArchitectureMember && SpecSchema.ModelRecords.ContainsKey(text))
        {
            Root["model"] = Switched(parent, text);
            return;
        }
        if (text.Length == 0 && (field.Optional || field.Kind is FieldKind.Text or FieldKind.LongText))
        {
            parent[key] = field.Optional ? null : "";
            return;
        }
        parent[key] = field.Kind switch
        {
            FieldKind.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
            FieldKind.Integer when ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var u) => JsonValue.Create(u),
            FieldKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
            FieldKind.Flag => JsonValue.Create(text == "true"),
            FieldKind.IntegerList => IntegerList(text),
            FieldKind.Json => Json(text),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>
    /// The model as the record of another architecture: its defaults, with each value the user set on the old one (one
    /// that differs from the old record's default) kept where the new record has the field.
    /// </summary>
    private static JsonObject Switched(JsonObject old, string architecture)
    {
        var fresh = Model(SpecSchema.NewModel(architecture));
        var oldDefaults = ModelJson.Architecture(old) is { } was && SpecSchema.ModelRecords.ContainsKey(was) ? Model(SpecSchema.NewModel(was)) : [];
        foreach (var (name, value) in old)
        {
            if (name != SpecSchema.ArchitectureMember && fresh.ContainsKey(name) && !JsonNode.DeepEquals(value, oldDefaults[name]))
                fresh[name] = value?.DeepClone();
        }
        return fresh;
    }

    private static JsonObject Model(ModelSpec model) => (JsonObject)JsonSerializer.SerializeToNode(model, WireJson.Options)!; // a record serialises to an object

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The text as JSON, or as a string when it does not parse (the Api then names the field).</summary>
    private static JsonNode Json(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static JsonNode IntegerList(string text)
    {
        var parts = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        var array = new JsonArray();
        foreach (var part in parts)
            array.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(part));
        return array;
    }

    private JsonNode? Node(string path)
    {
        JsonNode? node = Root;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node;
    }

    private (JsonObject Parent, string Key) Parent(string path)
    {
        var parts = path.Split('.');
        var node = Root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child) node[part] = child = [];
            node = child;
        }
        return (node, parts[^1]);
    }
}
