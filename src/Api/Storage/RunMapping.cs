using System.Text.Json;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Api.Storage;

/// <summary>Store records to wire records, written out once.</summary>
public static class RunMapping
{
    public static RunSummary ToSummary(RunRecord r) => new(
        r.Id, r.Name, r.Preset, r.Status, r.Architecture, r.Activation, r.Init, r.Depth, r.StepsDone, r.TotalSteps,
        r.CreatedAt, r.StartedAt, r.FinishedAt, r.LastLoss, r.LastTestAccuracy ?? r.LastAccuracy, r.ClipEvents, r.NonFiniteEvents);

    public static RunDetail ToDetail(RunRecord r, IReadOnlyDictionary<string, int> eventCounts) => new(
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
        eventCounts);

    public static RunSpec Spec(RunRecord r) =>
        JsonSerializer.Deserialize<RunSpec>(r.SpecJson, SpecJson.Options) ?? throw new InvalidDataException($"Run {r.Id} has an empty spec.");

    public static IReadOnlyList<LayerDescription> Layers(RunRecord r) =>
        r.LayersJson is null ? [] : JsonSerializer.Deserialize<LayerDescription[]>(r.LayersJson, JsonSerializerOptions.Web) ?? [];

    public static RunStatusMessage ToStatusMessage(RunRecord r, DateTime at) => new(r.Id, r.Status, r.StepsDone, r.TotalSteps, r.Reason, at);
}
