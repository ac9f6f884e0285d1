namespace GradientService.Contracts.Wire;

/// <summary>
/// One field of 2–8 runs, downsampled on the same bucket grid so the series line up step for step.
/// <c>Layer</c>: For a layer field, the layer compared; null for a step field.
/// <c>Differences</c>: Spec fields (JSON paths) whose values differ between the runs.
/// </summary>
public sealed record Comparison(string Field, int? Layer, int From, int To, IReadOnlyList<ComparedRun> Runs, IReadOnlyList<SpecDifference> Differences);

/// <summary>One run's series in a comparison.</summary>
public sealed record ComparedRun(Guid Id, string? Name, RunStatus Status, int StepsDone, IReadOnlyList<SeriesPoint> Points);

/// <summary>A spec field that differs, with each run's value as JSON text (in the order of <see cref="Comparison.Runs"/>).</summary>
public sealed record SpecDifference(string Field, IReadOnlyList<string> Values);
