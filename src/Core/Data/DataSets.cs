using GradientService.Contracts.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// The registry of data sets: one entry per <see cref="DatasetKind"/>, each generator or reader in its own file. Adding a
/// data set is an enum value, its file and one line here.
/// </summary>
internal static class DataSets
{
    private static readonly Dictionary<DatasetKind, DataSetKind> Entries = new()
    {
        [DatasetKind.Moons] = DataSetKind.Generated(Moons.Validate, _ => Moons.Shape, Moons.Generate),
        [DatasetKind.Circles] = DataSetKind.Generated(Circles.Validate, _ => Circles.Shape, Circles.Generate),
        [DatasetKind.TwoSpirals] = DataSetKind.Generated(TwoSpirals.Validate, _ => TwoSpirals.Shape, TwoSpirals.Generate),
        [DatasetKind.GaussianBlobs] = DataSetKind.Generated(GaussianBlobs.Validate, GaussianBlobs.Shape, GaussianBlobs.Generate),
        [DatasetKind.Parity] = DataSetKind.Generated(Parity.Validate, Parity.Shape, Parity.Generate),
        [DatasetKind.Teacher] = DataSetKind.Generated(Teacher.Validate, Teacher.Shape, Teacher.Generate),
        [DatasetKind.Sine] = DataSetKind.Generated(Sine.Validate, _ => Sine.Shape, Sine.Generate),
        [DatasetKind.Mnist] = DataSetKind.Generated(Mnist.Validate, _ => Mnist.Shape, Mnist.Generate),
        [DatasetKind.Csv] = DataSetKind.Read(CsvTabular.Validate, CsvTabular.Shape, CsvTabular.Create),
        [DatasetKind.Adding] = DataSetKind.Generated(AddingProblem.Validate, AddingProblem.Shape, AddingProblem.Generate),
        [DatasetKind.Copy] = DataSetKind.Generated(CopyTask.Validate, CopyTask.Shape, CopyTask.Generate),
        [DatasetKind.TemporalOrder] = DataSetKind.Generated(TemporalOrder.Validate, TemporalOrder.Shape, TemporalOrder.Generate),
        [DatasetKind.SequentialParity] = DataSetKind.Generated(SequentialParity.Validate, SequentialParity.Shape, SequentialParity.Generate),
        [DatasetKind.CsvSequences] = DataSetKind.Read(CsvSequences.Validate, CsvSequences.Shape, CsvSequences.Create),
        [DatasetKind.Bars] = DataSetKind.Generated(Bars.Validate, Bars.Shape, Bars.Generate),
        [DatasetKind.Text] = DataSetKind.Generated(NextCharacter.Validate, NextCharacter.Shape, NextCharacter.Generate),
    };

    /// <summary>The entry of <paramref name="kind"/>, or null for a number the enum does not name.</summary>
    public static DataSetKind? Of(DatasetKind kind) => Entries.GetValueOrDefault(kind);
}
