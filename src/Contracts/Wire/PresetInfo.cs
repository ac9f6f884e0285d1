using GradientService.Contracts.Spec;

namespace GradientService.Contracts.Wire;

/// <summary>
/// A named spec that reproduces a classic experiment; <see cref="Demonstrates"/> says what to look for.
/// <c>Group</c>: Presets meant to be compared share a group (e.g. "sigmoid-vs-relu").
/// </summary>
public sealed record PresetInfo(string Name, string Title, string Group, string Demonstrates, string Source, RunSpec Spec)
{
    /// <summary>What the preset reproduces from <see cref="Source"/>: the published figures beside ours, and what it does not reproduce.</summary>
    public Reproduction? Reproduction { get; init; }
}

/// <summary>A stored checkpoint of a run (weights can be exported at its step).</summary>
public sealed record CheckpointInfo(int Step, long Bytes, DateTime CreatedAt);
