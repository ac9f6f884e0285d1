using GradientService.Contracts.Schema;
using System.Text.Json.Nodes;

namespace GradientService.Api.Problems;

/// <summary>JSON Merge Patch (RFC 7386): overrides of a preset's spec. Objects merge, null removes (the default applies), anything else replaces.</summary>
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
}
