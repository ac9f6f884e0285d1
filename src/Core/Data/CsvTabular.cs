using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// User CSV, one example per row (<see cref="CsvReader"/>): every column but the label (DataSpec.LabelColumn, default the
/// last) is a numeric feature; the label is typed by <see cref="CsvLabels"/>. Input = the feature columns; classification
/// over the distinct labels, or regression with 1 target.
/// </summary>
internal static class CsvTabular
{
    /// <summary>The checked file; <paramref name="Features"/> is [rows, features] or empty when not parsed.</summary>
    private sealed record Frame(int Rows, int[] FeatureColumns, CsvLabels Labels, double[] Features);

    public static void Validate(DataSpec data, ICollection<SpecError> errors) => Read(data, errors, parseFeatures: true);

    /// <summary>Reads the header and label column only; the feature cells are parsed by <see cref="Create"/>.</summary>
    public static DataShape Shape(DataSpec data)
    {
        var errors = new List<SpecError>();
        return ShapeOf(Read(data, errors, parseFeatures: false) ?? throw DatasetFactory.Invalid(errors));
    }

    /// <summary>Parses and checks the file once; throws <see cref="ArgumentException"/> listing its problems.</summary>
    public static (DataShape, Dataset.Split) Create(DataSpec data)
    {
        var errors = new List<SpecError>();
        var frame = Read(data, errors, parseFeatures: true) ?? throw DatasetFactory.Invalid(errors);
        return (ShapeOf(frame), new Dataset.Split(frame.Rows, frame.Features, frame.Labels.Indices, frame.Labels.Values));
    }

    private static DataShape ShapeOf(Frame frame) =>
        new(frame.FeatureColumns.Length, frame.Labels.OutputSize, frame.Labels.IsClassification, 1, 1, false);

    private static Frame? Read(DataSpec data, ICollection<SpecError> errors, bool parseFeatures)
    {
        var table = CsvReader.Read(data.Csv, errors);
        if (table is null) return null;
        var label = table.Column(data.LabelColumn, table.Header.Length - 1, "data.labelColumn", errors);
        if (label < 0) return null;
        var features = table.ColumnsExcept(label);
        if (!CsvLimits.Check(table.Rows.Count, "data rows", 1, features.Length, errors)) return null;
        var problems = new CsvProblems(errors, "data.csv");
        var x = parseFeatures ? table.Numbers(features, problems) : [];
        var labels = CsvLabels.Read(table, label, problems);
        problems.Close();
        return x is null || labels is null ? null : new Frame(table.Rows.Count, features, labels, x);
    }
}
