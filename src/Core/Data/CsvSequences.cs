using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// User sequences in CSV, one row per time step: a sequence id column (DataSpec.SequenceColumn, default the first), a
/// numeric time index column (DataSpec.TimeColumn, default the second), a label column (DataSpec.LabelColumn, default
/// the last) and numeric features (every other column). Rows may come in any order: a sequence's steps are ordered by
/// time, sequences by first appearance. Every sequence must have the same length T (else an error names it) and no
/// repeated time. Input = the feature columns per step, time-major; one label per step (TargetsPerExample = T), typed
/// over all rows by <see cref="CsvLabels"/>.
/// </summary>
internal static class CsvSequences
{
    /// <summary>The checked file: rows in (sequence, time) order, and the features [rows, features] in file order (or empty).</summary>
    private sealed record Frame(int Sequences, int Length, int[] Order, int[] FeatureColumns, CsvLabels Labels, double[] Features);

    public static void Validate(DataSpec data, ICollection<SpecError> errors) => Read(data, errors, parseFeatures: true);

    /// <summary>Reads the id, time and label columns; the feature cells are parsed by <see cref="Create"/>.</summary>
    public static DataShape Shape(DataSpec data)
    {
        var errors = new List<SpecError>();
        return ShapeOf(Read(data, errors, parseFeatures: false) ?? throw DatasetFactory.Invalid(errors));
    }

    /// <summary>Parses and checks the file once; throws <see cref="ArgumentException"/> listing its problems.</summary>
    public static (DataShape, Dataset.Split) Create(DataSpec data)
    {
        var errors = new List<SpecError>();
        var f = Read(data, errors, parseFeatures: true) ?? throw DatasetFactory.Invalid(errors);
        var width = f.FeatureColumns.Length;
        var x = new double[f.Order.Length * width];
        var labels = f.Labels.IsClassification ? new int[f.Order.Length] : [];
        var targets = f.Labels.IsClassification ? [] : new double[f.Order.Length];
        for (var i = 0; i < f.Order.Length; i++)
        {
            var row = f.Order[i];
            f.Features.AsSpan(row * width, width).CopyTo(x.AsSpan(i * width));
            if (f.Labels.IsClassification) labels[i] = f.Labels.Indices[row];
            else targets[i] = f.Labels.Values[row];
        }
        return (ShapeOf(f), new Dataset.Split(f.Sequences, x, labels, targets));
    }

    private static DataShape ShapeOf(Frame f) =>
        new(f.FeatureColumns.Length, f.Labels.OutputSize, f.Labels.IsClassification, f.Length, f.Length, true);

    private static Frame? Read(DataSpec data, ICollection<SpecError> errors, bool parseFeatures)
    {
        var table = CsvReader.Read(data.Csv, errors);
        if (table is null) return null;
        var last = table.Header.Length - 1;
        var id = table.Column(data.SequenceColumn, 0, "data.sequenceColumn", errors);
        var time = table.Column(data.TimeColumn, 1, "data.timeColumn", errors);
        var label = table.Column(data.LabelColumn, last, "data.labelColumn", errors);
        if (id < 0 || time < 0 || label < 0) return null;
        if (time == id) errors.Add(new SpecError("data.timeColumn", "is the sequence id column; they must differ."));
        if (label == id || label == time) errors.Add(new SpecError("data.labelColumn", "is the sequence id or time column; they must differ."));
        if (time == id || label == id || label == time) return null;

        var features = table.ColumnsExcept(id, time, label);
        var problems = new CsvProblems(errors, "data.csv");
        var order = StepOrder(table, id, time, problems, out var sequences);
        var length = sequences == 0 ? 0 : order.Length / sequences;
        if (length > Limits.MaxSequenceLength)
        {
            errors.Add(new SpecError("data.csv", $"its sequences have {length} steps, beyond the limit of {Limits.MaxSequenceLength}."));
            return null;
        }
        if (order.Length > 0 && !CsvLimits.Check(sequences, "sequences", length, features.Length, errors)) return null;
        var x = parseFeatures ? table.Numbers(features, problems) : [];
        var labels = CsvLabels.Read(table, label, problems);
        problems.Close();
        return order.Length == 0 || x is null || labels is null ? null : new Frame(sequences, length, order, features, labels, x);
    }

    /// <summary>Row indices grouped by sequence (first appearance) and sorted by time; empty after adding problems.</summary>
    private static int[] StepOrder(CsvTable table, int id, int time, CsvProblems problems, out int sequences)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var names = new List<string>();
        var times = new double[table.Rows.Count];
        var timesOk = true;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            timesOk &= table.TryNumber(r, time, problems, out times[r]);
            var name = table.Rows[r][id];
            if (!groups.TryGetValue(name, out var rows)) groups.Add(name, rows = []);
            if (rows.Count == 0) names.Add(name);
            rows.Add(r);
        }
        sequences = names.Count;
        var length = groups[names[0]].Count;
        foreach (var name in names)
        {
            var rows = groups[name];
            var quoted = $"sequence \"{CsvTable.Clip(name)}\"";
            if (rows.Count != length)
                problems.Add($"{quoted} has {rows.Count} step{(rows.Count == 1 ? "" : "s")}; the first, \"{CsvTable.Clip(names[0])}\", has {length}. All sequences need the same length.");
            rows.Sort((a, b) => times[a].CompareTo(times[b]) is var c and not 0 ? c : a.CompareTo(b));
            for (var i = 1; i < rows.Count && timesOk; i++)
                if (times[rows[i]] == times[rows[i - 1]])
                    problems.Add($"{quoted} has time {times[rows[i]]} twice, in rows {rows[i - 1] + 2} and {rows[i] + 2}.");
        }
        return problems.Count > 0 ? [] : names.SelectMany(n => groups[n]).ToArray();
    }
}
