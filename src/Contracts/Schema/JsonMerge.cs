using System.Text.Json.Nodes;

namespace GradientService.Contracts.Schema;

/// <summary>
/// JSON Merge Patch (RFC 7386): overrides of a preset's spec, a sweep cell's values, a remedy's changes. Objects merge, null
/// removes (the default applies), anything else replaces. <see cref="Diff"/> is its inverse: the patch from one spec to another.
/// </summary>
public static class JsonMerge
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        // An override that switches the model's architecture keeps the preset's fields that the new one has too.
        if (patch["model"] is JsonObject model && model[SpecSchema.ArchitectureMember] is not null
            && ModelJson.Architecture(model) is { } architecture && result["model"] is JsonObject basis)
            ModelJson.KeepMembersOf(basis, architecture);
        Merge(result, patch);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null) { target.Remove(name); continue; }
            if (value is JsonObject patchObject && target[name] is JsonObject targetObject) { Merge(targetObject, patchObject); continue; }
            target[name] = value.DeepClone();
        }
    }

    /// <summary>
    /// Members of <paramref name="to"/> that differ from <paramref name="from"/> (objects compared member by member, anything
    /// else replaced whole), and null for each member <paramref name="from"/> has and <paramref name="to"/> lacks.
    /// </summary>
    public static JsonObject Diff(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in to)
        {
            var had = from.TryGetPropertyValue(name, out var old);
            if (value is JsonObject inner && old is JsonObject before)
            {
                var sub = Diff(before, inner);
                if (sub.Count > 0) patch[name] = sub;
            }
            else if (!had || !JsonNode.DeepEquals(old, value))
            {
                patch[name] = value?.DeepClone();
            }
        }
        foreach (var (name, _) in from)
            if (!to.ContainsKey(name)) patch[name] = null;
        return patch;
    }
}
