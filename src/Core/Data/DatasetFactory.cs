using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>Builds the data set a spec names: one generator per <see cref="DatasetKind"/>, each in its own file.</summary>
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
        switch (data.Kind)
        {
            case DatasetKind.Moons: Moons.Validate(data, errors); break;
            case DatasetKind.Circles: Circles.Validate(data, errors); break;
            case DatasetKind.TwoSpirals: TwoSpirals.Validate(data, errors); break;
            case DatasetKind.GaussianBlobs: GaussianBlobs.Validate(data, errors); break;
            case DatasetKind.Parity: Parity.Validate(data, errors); break;
            case DatasetKind.Teacher: Teacher.Validate(data, errors); break;
            case DatasetKind.Sine: Sine.Validate(data, errors); break;
            case DatasetKind.Mnist: Mnist.Validate(data, errors); break;
            case DatasetKind.Csv: CsvTabular.Validate(data, errors); break;
            case DatasetKind.Adding: AddingProblem.Validate(data, errors); break;
            case DatasetKind.Copy: CopyTask.Validate(data, errors); break;
            case DatasetKind.TemporalOrder: TemporalOrder.Validate(data, errors); break;
            case DatasetKind.SequentialParity: SequentialParity.Validate(data, errors); break;
            case DatasetKind.CsvSequences: CsvSequences.Validate(data, errors); break;
            default: errors.Add(new SpecError("data.kind", $"{(int)data.Kind} is not a data set.")); break;
        }
    }

    private static void ValidateSplit(DataSpec data, ICollection<SpecError> errors) =>
        FieldCheck.Real(errors, "data.testFraction", data.TestFraction, Limits.MinTestFraction, Limits.MaxTestFraction);

    /// <summary>The shape <see cref="Create"/> will produce; call after <see cref="Validate"/> found no problem.</summary>
    public static DataShape Shape(DataSpec data) => data.Kind switch
    {
        DatasetKind.Moons => Moons.Shape,
        DatasetKind.Circles => Circles.Shape,
        DatasetKind.TwoSpirals => TwoSpirals.Shape,
        DatasetKind.GaussianBlobs => GaussianBlobs.Shape(data),
        DatasetKind.Parity => Parity.Shape(data),
        DatasetKind.Teacher => Teacher.Shape(data),
        DatasetKind.Sine => Sine.Shape,
        DatasetKind.Mnist => Mnist.Shape,
        DatasetKind.Csv => CsvTabular.Shape(data),
        DatasetKind.Adding => AddingProblem.Shape(data),
        DatasetKind.Copy => CopyTask.Shape(data),
        DatasetKind.TemporalOrder => TemporalOrder.Shape(data),
        DatasetKind.SequentialParity => SequentialParity.Shape(data),
        DatasetKind.CsvSequences => CsvSequences.Shape(data),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "Not a data set."),
    };

    /// <summary>
    /// Generates (or parses) every example, shuffles them with <paramref name="rng"/> and splits off round(n·TestFraction)
    /// for test; the same generator state gives bitwise the same data. Throws <see cref="ArgumentException"/> on a spec
    /// that <see cref="Validate"/> rejects.
    /// </summary>
    public static Dataset Create(DataSpec data, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        // The CSV readers check a file while they parse it, so it is read once; everything else is checked first.
        var isCsv = data.Kind is DatasetKind.Csv or DatasetKind.CsvSequences;
        var errors = new List<SpecError>();
        if (isCsv) ValidateSplit(data, errors);
        else Validate(data, errors);
        if (errors.Count > 0) throw Invalid(errors);
        var (shape, all) = data.Kind switch
        {
            DatasetKind.Csv => CsvTabular.Create(data),
            DatasetKind.CsvSequences => CsvSequences.Create(data),
            _ => (Shape(data), Generate(data, rng)),
        };
        var (train, test) = TrainTestSplit.Apply(all, shape, data.TestFraction, rng);
        return new Dataset
        {
            Name = JsonSerializer.Serialize(data.Kind).Trim('"'),
            InputSize = shape.InputSize,
            OutputSize = shape.OutputSize,
            IsClassification = shape.IsClassification,
            SequenceLength = shape.SequenceLength,
            TargetsPerExample = shape.TargetsPerExample,
            Train = train,
            Test = test,
        };
    }

    private static Dataset.Split Generate(DataSpec data, Rng rng) => data.Kind switch
    {
        DatasetKind.Moons => Moons.Generate(data, rng),
        DatasetKind.Circles => Circles.Generate(data, rng),
        DatasetKind.TwoSpirals => TwoSpirals.Generate(data, rng),
        DatasetKind.GaussianBlobs => GaussianBlobs.Generate(data, rng),
        DatasetKind.Parity => Parity.Generate(data, rng),
        DatasetKind.Teacher => Teacher.Generate(data, rng),
        DatasetKind.Sine => Sine.Generate(data, rng),
        DatasetKind.Mnist => Mnist.Generate(data, rng),
        DatasetKind.Adding => AddingProblem.Generate(data, rng),
        DatasetKind.Copy => CopyTask.Generate(data, rng),
        DatasetKind.TemporalOrder => TemporalOrder.Generate(data, rng),
        DatasetKind.SequentialParity => SequentialParity.Generate(data, rng),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "Not a generated data set."),
    };

    /// <summary>The exception for a spec that reached <see cref="Shape"/> or <see cref="Create"/> without passing validation.</summary>
    internal static ArgumentException Invalid(IEnumerable<SpecError> errors) =>
        new("The data spec is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")), "data");
}
