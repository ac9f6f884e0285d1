using System.Text.Json.Nodes;

namespace GradientService.Api.Problems;

/// <summary>JSON Merge Patch (RFC 7386): overrides of a preset's spec. Objects merge, null removes (the default applies), anything else replaces.</summary>
public static class JsonMerge
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        Merge(result, patch);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            var existing = target.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            var key = existing.Key ?? name;
            if (value is null) { target.Remove(key); continue; }
            if (value is JsonObject patchObject && existing.Value is JsonObject targetObject) { Merge(targetObject, patchObject); continue; }
            if (existing.Key is not null) target.Remove(key);
            target[key] = value.DeepClone();
        }
    }
}
