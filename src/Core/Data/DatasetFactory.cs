using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>Builds the data set a spec names: through the registry <see cref="DataSets"/>.</summary>
public static class DatasetFactory
{
    /// <summary>Adds a <see cref="SpecError"/> (field "data.…") for every problem in <paramref name="data"/>; never throws.</summary>
    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        if (data is null)
        {
            errors.Add(new SpecError("data", "is required."));
            return;
        }
        ValidateSplit(data, errors);
        if (DataSets.Of(data.Kind) is { } kind) kind.Validate(data, errors);
        else errors.Add(new SpecError("data.kind", $"{(int)data.Kind} is not a data set."));
    }

    private static void ValidateSplit(DataSpec data, ICollection<SpecError> errors)
    {
        FieldCheck.Real(errors, "data.testFraction", data.TestFraction, Limits.MinTestFraction, Limits.MaxTestFraction);
        FieldCheck.Int(errors, "data.trainSubset", data.TrainSubset, 0, Limits.MaxSamples);
    }

    /// <summary>The shape <see cref="Create"/> will produce; call after <see cref="Validate"/> found no problem.</summary>
    public static DataShape Shape(DataSpec data) =>
        (DataSets.Of(data.Kind) ?? throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "Not a data set.")).Shape(data);

    /// <summary>
    /// Generates (or parses) every example, shuffles them with <paramref name="rng"/> and splits off round(n·TestFraction)
    /// for test; the same generator state gives bitwise the same data. Throws <see cref="ArgumentException"/> on a spec
    /// that <see cref="Validate"/> rejects.
    /// </summary>
    public static Dataset Create(DataSpec data, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        // A file is checked while it is read, so it is read once; everything else is checked first.
        var kind = DataSets.Of(data.Kind) ?? throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "Not a data set.");
        var errors = new List<SpecError>();
        if (kind.ReadsFile) ValidateSplit(data, errors);
        else Validate(data, errors);
        if (errors.Count > 0) throw Invalid(errors);
        var (shape, all) = kind.Create(data, rng);
        var (train, test) = TrainTestSplit.Apply(all, shape, data.TestFraction, rng);
        if (data.TrainSubset > train.Count)
            throw Invalid([new SpecError("data.trainSubset", $"must be at most the {train.Count} training examples; got {data.TrainSubset}.")]);
        if (data.TrainSubset > 0) train = TrainTestSplit.First(train, shape, data.TrainSubset);
        return new Dataset
        {
            Name = JsonSerializer.Serialize(data.Kind).Trim('"'),
            InputSize = shape.InputSize,
            OutputSize = shape.OutputSize,
            IsClassification = shape.IsClassification,
            SequenceLength = shape.SequenceLength,
            TargetsPerExample = shape.TargetsPerExample,
            Image = shape.Image,
            Train = train,
            Test = test,
        };
    }

    /// <summary>The exception for a spec that reached <see cref="Shape"/> or <see cref="Create"/> without passing validation.</summary>
    internal static ArgumentException Invalid(IEnumerable<SpecError> errors) =>
        new("The data spec is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")), "data");
}
