using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>Range checks that add a <see cref="SpecError"/> instead of throwing; each returns whether the value passed.</summary>
internal static class FieldCheck
{
    public static bool Int(ICollection<SpecError> errors, string field, long value, long min, long max)
    {
        if (value >= min && value <= max) return true;
        errors.Add(new SpecError(field, $"must be between {min} and {max}; got {value}."));
        return false;
    }

    public static bool Real(ICollection<SpecError> errors, string field, double value, double min, double max)
    {
        if (double.IsFinite(value) && value >= min && value <= max) return true;
        errors.Add(new SpecError(field, $"must be a finite number between {min} and {max}; got {value}."));
        return false;
    }

    /// <summary>Samples of a generator and the memory its features take (examples × steps × features).</summary>
    public static bool Samples(ICollection<SpecError> errors, int samples, long stepsTimesFeatures)
    {
        if (!Int(errors, "data.samples", samples, Limits.MinSamples, Limits.MaxSamples)) return false;
        return Elements(errors, "data.samples", samples, stepsTimesFeatures);
    }

    public static bool Elements(ICollection<SpecError> errors, string field, long examples, long stepsTimesFeatures)
    {
        var elements = examples * stepsTimesFeatures;
        if (elements <= Limits.MaxDataElements) return true;
        errors.Add(new SpecError(field,
            $"{examples} examples × {stepsTimesFeatures} values each = {elements} values, beyond the limit of {Limits.MaxDataElements}."));
        return false;
    }

    /// <summary>A recurrent task's T in [<paramref name="minLength"/>, MaxSequenceLength − <paramref name="extraSteps"/>], then its samples and their memory.</summary>
    public static void Sequences(ICollection<SpecError> errors, DataSpec data, int minLength, int extraSteps, int featuresPerStep)
    {
        if (Int(errors, "data.sequenceLength", data.SequenceLength, minLength, Limits.MaxSequenceLength - extraSteps))
            Samples(errors, data.Samples, ((long)data.SequenceLength + extraSteps) * featuresPerStep);
        else
            Int(errors, "data.samples", data.Samples, Limits.MinSamples, Limits.MaxSamples);
    }

    public static bool Noise(ICollection<SpecError> errors, double noise) => Real(errors, "data.noise", noise, 0, Limits.MaxNoise);
}
