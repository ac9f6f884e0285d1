using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Problems;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Sweeps;

/// <summary>
/// A sweep request checked and expanded into its cells' specs before anything is queued: the base spec (a preset with the
/// request's spec as a merge patch, or the spec alone), the axes (known spec fields, values given, no field twice, at most
/// <see cref="MaxCells"/> cells) and every cell's spec, each problem keyed by where it is ("axes[1].field",
/// "cells[3].model.depth").
/// </summary>
public sealed record SweepPlan(string? Preset, JsonObject BaseSpec, IReadOnlyList<SweepPlan.Cell> Cells)
{
    /// <summary>Most cells of one sweep: a 16 × 16 σ_w² × σ_b² plane.</summary>
    public const int MaxCells = 256;

    /// <summary>One cell: its axis indices and its validated spec (named for its sweep and values).</summary>
    public sealed record Cell(int[] Index, RunSpec Spec);

    public static (SweepPlan? Plan, Dictionary<string, string[]> Errors) Create(SweepRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        var basis = Basis(request, errors);
        var axes = request.Axes ?? [];
        if (axes.Count == 0) SpecReader.Add(errors, "axes", "Give at least one axis: a spec field (e.g. \"model.depth\") and its values.");
        var cells = 1L;
        for (var a = 0; a < axes.Count; a++)
        {
            var axis = axes[a];
            if (axis is null) { SpecReader.Add(errors, $"axes[{a}]", "Must be an object with field and values."); continue; }
            if (string.IsNullOrEmpty(axis.Field) || SpecSchema.Find(axis.Field) is null)
                SpecReader.Add(errors, $"axes[{a}].field", $"Unknown spec field '{axis.Field}'. Use a field's JSON path, e.g. model.activation, init.scheme, model.depth, init.weightVariance.");
            else if (axes.Take(a).Any(other => other?.Field == axis.Field))
                SpecReader.Add(errors, $"axes[{a}].field", $"'{axis.Field}' is already an axis.");
            if (axis.Values is not { Count: > 0 }) SpecReader.Add(errors, $"axes[{a}].values", "Give at least one value.");
            cells = Math.Min(cells * Math.Max(1, axis.Values?.Count ?? 1), int.MaxValue); // no overflow however many axes
        }
        if (cells > MaxCells) SpecReader.Add(errors, "axes", $"The grid has {cells} cells; a sweep has at most {MaxCells}.");
        if (errors.Count > 0 || basis is null) return (null, Flatten(errors));

        var planned = new List<Cell>((int)cells);
        foreach (var index in Grid(axes))
        {
            var patch = new JsonObject { ["name"] = Name(request.Name, axes, index) };
            for (var a = 0; a < axes.Count; a++) Set(patch, axes[a].Field, axes[a].Values[index[a]]);
            var json = JsonMerge.Apply(basis, patch); // as a preset's overrides: a new model.architecture keeps the fields it shares
            var outcome = SpecReader.Check(json);
            foreach (var (field, messages) in outcome.Errors)
                foreach (var message in messages) SpecReader.Add(errors, $"cells[{planned.Count}].{field}", message);
            planned.Add(new Cell(index, outcome.Spec!));
        }
        return errors.Count > 0 ? (null, Flatten(errors)) : (new SweepPlan(request.Preset, basis, planned), []);
    }

    /// <summary>The preset's spec merged with the request's spec, or the spec alone.</summary>
    private static JsonObject? Basis(SweepRequest request, Dictionary<string, List<string>> errors)
    {
        if (request.Preset is null)
        {
            if (request.Spec is null) SpecReader.Add(errors, "spec", "Give a base spec, a preset, or both (the spec is then a merge patch over the preset).");
            return request.Spec;
        }
        if (PresetCatalog.Find(request.Preset) is not { } preset)
        {
            SpecReader.Add(errors, "preset", $"No preset is named '{request.Preset}'; GET /api/presets lists them.");
            return null;
        }
        var basis = (JsonObject)JsonSerializer.SerializeToNode(preset.Spec, SpecJson.Options)!; // a record always serialises to an object
        return request.Spec is null ? basis : JsonMerge.Apply(basis, request.Spec);
    }

    /// <summary>Every combination of the axes' value indices, the last axis varying fastest.</summary>
    public static IEnumerable<int[]> Grid(IReadOnlyList<SweepAxis> axes)
    {
        var index = new int[axes.Count];
        while (true)
        {
            yield return (int[])index.Clone();
            var a = axes.Count - 1;
            while (a >= 0 && ++index[a] == axes[a].Values.Count) index[a--] = 0;
            if (a < 0) yield break;
        }
    }

    /// <summary>"&lt;sweep name&gt; · activation=relu, depth=20", cut to the longest name a run may have.</summary>
    private static string Name(string? sweep, IReadOnlyList<SweepAxis> axes, int[] index)
    {
        var values = string.Join(", ", axes.Select((axis, a) => $"{axis.Field[(axis.Field.LastIndexOf('.') + 1)..]}={Text(axis.Values[index[a]])}"));
        var name = string.IsNullOrWhiteSpace(sweep) ? values : $"{sweep} · {values}";
        return name.Length <= Limits.MaxNameLength ? name : name[..(Limits.MaxNameLength - 1)] + "…";
    }

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "null";

    /// <summary>Sets the field at a dotted path, creating the objects on the way (a JSON null: the field's default, as in a merge patch).</summary>
    private static void Set(JsonObject json, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = json;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child) node[part] = child = [];
            node = child;
        }
        node[parts[^1]] = value?.DeepClone();
    }

    private static Dictionary<string, string[]> Flatten(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
