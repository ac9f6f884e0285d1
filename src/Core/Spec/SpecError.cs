using GradientService.Contracts.Spec;

namespace GradientService.Core.Spec;

/// <summary>One problem in a spec: the JSON path of the field (camelCase, e.g. "model.depth") and what is wrong.</summary>
public sealed record SpecError(string Field, string Message);
