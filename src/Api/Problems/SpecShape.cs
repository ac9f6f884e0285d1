using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Problems;

/// <summary>Walks a JSON document against the spec's record types and collects every unknown field, type error and bad enum value.</summary>
public static class SpecShape
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();

    public static void Walk(JsonObject json, Type type, string prefix, Dictionary<string, List<string>> errors)
    {
        var properties = Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite).ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal));
        foreach (var (name, value) in json)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (!properties.TryGetValue(name, out var property))
            {
                SpecReader.Add(errors, path, $"Unknown field. Known fields here: {string.Join(", ", properties.Keys)}.");
                continue;
            }
            var target = property.PropertyType;
            if (IsSpecRecord(target))
            {
                if (value is JsonObject nested) Walk(nested, target, path, errors);
                else SpecReader.Add(errors, path, value is null ? "Must not be null; omit the field to use the defaults." : "Must be a JSON object.");
                continue;
            }
            var enumType = Nullable.GetUnderlyingType(target) ?? target;
            if (enumType.IsEnum && value is JsonValue text && text.TryGetValue<string>(out var word))
            {
                var allowed = EnumNames(enumType);
                if (!allowed.Contains(word, StringComparer.Ordinal))
                    SpecReader.Add(errors, path, $"Unknown value '{word}'. Allowed: {string.Join(", ", allowed)}.");
                continue;
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
    }

    /// <summary>The wire names of an enum (its JsonStringEnumMemberName attributes).</summary>
    public static string[] EnumNames(Type enumType) => [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)];

    private static bool IsSpecRecord(Type type) => type.IsClass && type != typeof(string) && type.Namespace == typeof(RunSpec).Namespace;

    private static string Describe(Type target, Exception e)
    {
        var t = Nullable.GetUnderlyingType(target) ?? target;
        var expected = t == typeof(int) ? "a whole number" : t == typeof(long) || t == typeof(ulong) ? "a whole number" :
            t == typeof(double) ? "a number" : t == typeof(bool) ? "true or false" : t == typeof(string) ? "a string" :
            t.IsArray ? "an array of whole numbers" : t.IsEnum ? $"one of {string.Join(", ", EnumNames(t))}" : t.Name;
        return $"Must be {expected}{(Nullable.GetUnderlyingType(target) is null ? "" : " or null")}. ({SpecReader.FirstSentence(e.Message)})";
    }
}
