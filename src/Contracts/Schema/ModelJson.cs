using System.Text.Json.Nodes;

namespace GradientService.Contracts.Schema;

/// <summary>A model object as JSON: the architecture it names, and its members that the architecture's record has.</summary>
public static class ModelJson
{
    /// <summary>The "architecture" the model object names (<see cref="SpecSchema.DefaultArchitecture"/> when none), or null when it is not a string.</summary>
    public static string? Architecture(JsonObject model) =>
        !model.TryGetPropertyValue(SpecSchema.ArchitectureMember, out var node) ? SpecSchema.DefaultArchitecture
        : node is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    /// <summary>
    /// Removes the members that the named architecture's record does not have: a spec stored before the model had a
    /// record per architecture carries every architecture's fields (e.g. "forgetBias" on an mlp), which that
    /// architecture ignored then, and a preset's fields go when an override switches its architecture.
    /// </summary>
    public static void KeepMembersOf(JsonObject model, string architecture)
    {
        if (!SpecSchema.ModelRecords.TryGetValue(architecture, out var record)) return;
        var members = SpecSchema.Members(record);
        foreach (var name in model.Select(m => m.Key).Where(n => n != SpecSchema.ArchitectureMember && !members.ContainsKey(n)).ToList())
            model.Remove(name);
    }
}
