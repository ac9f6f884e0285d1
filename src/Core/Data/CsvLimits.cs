using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>The size checks shared by the two CSV data sets: examples, feature columns and the values they hold.</summary>
internal static class CsvLimits
{
    /// <summary>Adds an error under "data.csv" for each limit the file breaks; true when it breaks none.</summary>
    public static bool Check(int examples, string what, int steps, int features, ICollection<SpecError> errors)
    {
        var before = errors.Count;
        if (features < 1) errors.Add(new SpecError("data.csv", "has no numeric feature column besides the label."));
        if (features > Limits.MaxInputFeatures)
            errors.Add(new SpecError("data.csv", $"has {features} feature columns, beyond the limit of {Limits.MaxInputFeatures}."));
        if (examples < 2) errors.Add(new SpecError("data.csv", $"has {examples} {what}; training and test need at least two."));
        if (examples > Limits.MaxSamples)
            errors.Add(new SpecError("data.csv", $"has {examples} {what}, beyond the limit of {Limits.MaxSamples}."));
        if (errors.Count == before) FieldCheck.Elements(errors, "data.csv", examples, (long)steps * features);
        return errors.Count == before;
    }
}
