using System.Text.Json.Nodes;

namespace GradientService.Core.Diagnosis;

/// <summary>The JSON merge patch (RFC 7386) that turns one document into another: applied to <c>from</c> it gives <c>to</c>.</summary>
public static class MergePatch
{
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
