using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;

namespace GradientService.Api.Storage;

/// <summary>Store records to wire records, written out once.</summary>
public static class RunMapping
{
    public static RunSummary ToSummary(RunRecord r) => new(
        r.Id, r.Name, r.Preset, r.Status, r.Architecture, r.Activation, r.Init, r.Depth, r.StepsDone, r.TotalSteps,
        r.CreatedAt, r.StartedAt, r.FinishedAt, r.LastLoss, r.LastTestAccuracy ?? r.LastAccuracy, r.ClipEvents, r.NonFiniteEvents);

    public static RunDetail ToDetail(RunRecord r, IReadOnlyDictionary<string, int> eventCounts, RunDiagnosis? diagnosis) => new(
        ToSummary(r),
        Spec(r),
        r.TotalSteps == 0 ? 0 : Math.Clamp((double)r.StepsDone / r.TotalSteps, 0, 1),
        r.Reason,
        r.DivergedStep,
        r.DivergedLayer,
        r.LastTestLoss,
        r.LastAccuracy,
        Layers(r),
        r.RecurrentLayers,
        r.ParameterCount,
        r.CheckpointStep,
        eventCounts,
        diagnosis,
        r.ParentId,
        r.Remedy,
        r.SweepId);

    /// <summary>
    /// The stored spec. One stored before the model had a record per architecture holds every architecture's fields;
    /// those its architecture's record lacks were ignored then and are dropped here, so it reads to the same spec.
    /// </summary>
    public static RunSpec Spec(RunRecord r)
    {
        var json = JsonNode.Parse(r.SpecJson) as JsonObject ?? throw new InvalidDataException($"Run {r.Id} has no spec object.");
        if (json["model"] is JsonObject model && ModelJson.Architecture(model) is { } architecture) ModelJson.KeepMembersOf(model, architecture);
        return json.Deserialize<RunSpec>(SpecJson.Options) ?? throw new InvalidDataException($"Run {r.Id} has an empty spec.");
    }

    public static IReadOnlyList<LayerDescription> Layers(RunRecord r) =>
        r.LayersJson is null ? [] : JsonSerializer.Deserialize<LayerDescription[]>(r.LayersJson, JsonSerializerOptions.Web) ?? [];

    public static RunStatusMessage ToStatusMessage(RunRecord r, DateTime at) => new(r.Id, r.Status, r.StepsDone, r.TotalSteps, r.Reason, at);
}
