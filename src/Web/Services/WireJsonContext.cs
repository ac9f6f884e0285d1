using System.Text.Json;
using System.Text.Json.Serialization;
using GradientService.Contracts.Labs;
using GradientService.Contracts.Wire;

namespace GradientService.Web.Services;

/// <summary>
/// Source-generated JSON for every wire record the dashboard reads: reflection-based deserialization is several times
/// slower under the WebAssembly interpreter, and a 100-layer run streams tens of thousands of numbers a second.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StepBatch))]
[JsonSerializable(typeof(RunStatusMessage))]
[JsonSerializable(typeof(SubscribeResult))]
[JsonSerializable(typeof(RunDetail))]
[JsonSerializable(typeof(Page<RunSummary>))]
[JsonSerializable(typeof(Page<RunEventMessage>))]
[JsonSerializable(typeof(IReadOnlyList<PresetInfo>))]
[JsonSerializable(typeof(SeriesResponse))]
[JsonSerializable(typeof(DepthProfile))]
[JsonSerializable(typeof(Heatmap))]
[JsonSerializable(typeof(TimeLagProfiles))]
[JsonSerializable(typeof(Comparison))]
[JsonSerializable(typeof(RunCreated))]
[JsonSerializable(typeof(IReadOnlyList<RunEpisode>))]
[JsonSerializable(typeof(TheoryReport))]
[JsonSerializable(typeof(Page<SweepSummary>))]
[JsonSerializable(typeof(SweepSummary))]
[JsonSerializable(typeof(SweepMatrix))]
[JsonSerializable(typeof(BifurcationDiagram))]
[JsonSerializable(typeof(BiasTrainingRequest))]
[JsonSerializable(typeof(BiasTrainingTrace))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
