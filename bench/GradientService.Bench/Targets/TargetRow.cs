namespace GradientService.Bench.Targets;

/// <summary>
/// One performance target as a benchmark prints it (issue 17): the <paramref name="Figure"/> measured now, the
/// <paramref name="Reference"/> it is judged against measured in the same run (the bare engine, the probes off, the GEMM
/// peak; or the goal itself where nothing else is measured), their <paramref name="Ratio"/> in the sense the goal states,
/// and whether the goal is <paramref name="Met"/>.
/// </summary>
public sealed record TargetRow(
    string Target, string Config, double Figure, string Unit, string ReferenceName, double Reference, double Ratio, string Goal, bool Met);
