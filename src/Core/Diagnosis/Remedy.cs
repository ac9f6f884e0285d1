using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Core.Diagnosis;

/// <summary>
/// A remedy from the literature: what it changes in a spec (<see cref="Change"/>: the changed spec, or null where it does
/// not apply — the wrong kind of net, or the spec already has it).
/// </summary>
/// <param name="Id">Stable id, used in POST /api/runs/{id}/remedies/{remedy}.</param>
/// <param name="Title">What it is, in a few words.</param>
/// <param name="Why">One line: why it helps.</param>
/// <param name="Source">The paper (and figure) that shows it.</param>
/// <param name="Change">The spec with the remedy applied, or null where it does not apply.</param>
public sealed record Remedy(string Id, string Title, string Why, string Source, Func<RunSpec, RunSpec?> Change)
{
    /// <summary>The merge patch over <paramref name="spec"/>'s JSON (<see cref="SpecJson.Options"/>) that applies this remedy; null where it does not apply.</summary>
    public JsonObject? Patch(RunSpec spec)
    {
        if (Change(spec) is not { } changed) return null;
        var patch = JsonMerge.Diff(ToJson(spec), ToJson(changed));
        return patch.Count == 0 ? null : patch;
    }

    /// <summary>This remedy suggested for <paramref name="spec"/>, or null where it does not apply.</summary>
    public RemedySuggestion? Suggest(RunSpec spec) => Patch(spec) is { } patch ? new RemedySuggestion(Id, Title, Why, Source, patch) : null;

    private static JsonObject ToJson(RunSpec spec) => (JsonObject)JsonSerializer.SerializeToNode(spec, SpecJson.Options)!; // a record serialises to an object
}
