using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;

namespace GradientService.Api.Problems;

/// <summary>
/// Walks a JSON document against the spec's schema (<see cref="SpecSchema"/>) and collects every unknown field, type
/// error and bad enum value; a model object is walked against the record of the architecture it names.
/// </summary>
public static class SpecShape
{
    public static void Walk(JsonObject json, Type type, string prefix, Dictionary<string, List<string>> errors)
    {
        var members = SpecSchema.Members(type);
        foreach (var (name, value) in json)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (!members.TryGetValue(name, out var member))
            {
                SpecReader.Add(errors, path, Unknown(type, name, members.Keys));
                continue;
            }
            var target = member.PropertyType;
            if (SpecSchema.IsRecord(target))
            {
                if (value is not JsonObject nested)
                    SpecReader.Add(errors, path, value is null ? "Must not be null; omit the field to use the defaults." : "Must be a JSON object.");
                else if (target == typeof(ModelSpec)) WalkModel(nested, path, errors);
                else Walk(nested, target, path, errors);
                continue;
            }
            CheckValue(value, target, path, errors);
        }
    }

    /// <summary>The model: its "architecture" names the record its other members are checked against.</summary>
    private static void WalkModel(JsonObject model, string path, Dictionary<string, List<string>> errors)
    {
        var architecture = ModelJson.Architecture(model);
        var known = string.Join(", ", SpecSchema.ModelRecords.Keys);
        if (architecture is null || !SpecSchema.ModelRecords.TryGetValue(architecture, out var record))
        {
            SpecReader.Add(errors, $"{path}.{SpecSchema.ArchitectureMember}", architecture is null
                ? $"Must be one of {known}. (The JSON value is not a string.)"
                : $"Unknown value '{architecture}'. Allowed: {known}.");
            return;
        }
        var rest = new JsonObject();
        foreach (var (name, value) in model.Where(m => m.Key != SpecSchema.ArchitectureMember)) rest[name] = value?.DeepClone();
        Walk(rest, record, path, errors);
    }

    private static string Unknown(Type type, string name, IEnumerable<string> known)
    {
        var here = string.Join(", ", known);
        if (!type.IsSubclassOf(typeof(ModelSpec))) return $"Unknown field. Known fields here: {here}.";
        var owners = SpecSchema.ArchitecturesWith(name);
        var architecture = SpecSchema.ModelRecords.First(r => r.Value == type).Key;
        var fields = $"Known fields of architecture {architecture}: {SpecSchema.ArchitectureMember}, {here}.";
        return owners.Count == 0
            ? $"Unknown field. {fields}"
            : $"Not a field of architecture {architecture}; it belongs to {string.Join(", ", owners)}. {fields}";
    }

    private static void CheckValue(JsonNode? value, Type target, string path, Dictionary<string, List<string>> errors)
    {
        var enumType = Nullable.GetUnderlyingType(target) ?? target;
        if (enumType.IsEnum && value is JsonValue text && text.TryGetValue<string>(out var word))
        {
            var allowed = WireNames.All(enumType);
            if (!allowed.Contains(word, StringComparer.Ordinal))
                SpecReader.Add(errors, path, $"Unknown value '{word}'. Allowed: {string.Join(", ", allowed)}.");
            return;
        }
        try
        {
            var parsed = value.Deserialize(target, SpecJson.Options);
            if (parsed is null && target.IsValueType && Nullable.GetUnderlyingType(target) is null)
                SpecReader.Add(errors, path, "Must not be null.");
        }
        catch (JsonException e)
        {
            var inner = SpecReader.Path(e.Path);
            var where = inner == "$" ? path : inner.StartsWith('[') ? path + inner : $"{path}.{inner}";
            SpecReader.Add(errors, where, Describe(target, e));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            SpecReader.Add(errors, path, Describe(target, e));
        }
    }

    private static string Describe(Type target, Exception e)
    {
        var t = Nullable.GetUnderlyingType(target) ?? target;
        var expected = t == typeof(int) ? "a whole number" : t == typeof(long) || t == typeof(ulong) ? "a whole number" :
            t == typeof(double) ? "a number" : t == typeof(bool) ? "true or false" : t == typeof(string) ? "a string" :
            t.IsArray ? "an array of whole numbers" : t.IsEnum ? $"one of {string.Join(", ", WireNames.All(t))}" : t.Name;
        return $"Must be {expected}{(Nullable.GetUnderlyingType(target) is null ? "" : " or null")}. ({SpecReader.FirstSentence(e.Message)})";
    }
}
