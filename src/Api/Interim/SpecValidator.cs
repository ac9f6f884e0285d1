// The shim lives in Core's namespace so call sites need no change when the real type arrives.
#pragma warning disable IDE0130
namespace GradientService.Core.Spec;
#pragma warning restore IDE0130

// INTERIM: stands in for Core's SpecValidator until it lands on main; delete this file after merging it.
public static class SpecValidator
{
    public static IReadOnlyList<SpecError> Validate(RunSpec spec)
    {
        var errors = new List<SpecError>();
        if (spec.Name is { Length: > Limits.MaxNameLength }) errors.Add(new("name", $"At most {Limits.MaxNameLength} characters."));
        if (spec.Model.Depth is < 1 or > Limits.MaxDepth) errors.Add(new("model.depth", $"Must be between 1 and {Limits.MaxDepth}."));
        if (spec.Model.Width is < 1 or > Limits.MaxWidth) errors.Add(new("model.width", $"Must be between 1 and {Limits.MaxWidth}."));
        if (spec.Training.Steps is < 1 or > Limits.MaxSteps) errors.Add(new("training.steps", $"Must be between 1 and {Limits.MaxSteps}."));
        if (spec.Training.BatchSize is < 1 or > Limits.MaxBatchSize) errors.Add(new("training.batchSize", $"Must be between 1 and {Limits.MaxBatchSize}."));
        if (!(spec.Optimizer.LearningRate > 0 && spec.Optimizer.LearningRate <= Limits.MaxLearningRate))
            errors.Add(new("optimizer.learningRate", $"Must be in (0, {Limits.MaxLearningRate}]."));
        if (spec.Data.Samples is < 2 or > Limits.MaxSamples) errors.Add(new("data.samples", $"Must be between 2 and {Limits.MaxSamples}."));
        return errors;
    }
}
