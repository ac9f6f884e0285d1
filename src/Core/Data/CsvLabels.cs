using System.Globalization;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// The label column of user CSV, typed as the spec says: classification when any value is not a number or every value
/// is an integer (the distinct values, sorted — numerically for integers, ordinally for text — become class indices
/// 0…k−1), otherwise regression on the value (1 output).
/// </summary>
/// <param name="Classes">Class names in index order; empty for regression.</param>
/// <param name="Indices">Per row: class index (classification); else empty.</param>
/// <param name="Values">Per row: the number (regression); else empty.</param>
internal sealed record CsvLabels(string[] Classes, int[] Indices, double[] Values)
{
    public bool IsClassification => Classes.Length > 0;

    public int OutputSize => IsClassification ? Classes.Length : 1;

    /// <summary>Types and maps column <paramref name="column"/>; null after adding problems (an empty cell, a single class, too many classes).</summary>
    public static CsvLabels? Read(CsvTable table, int column, CsvProblems problems)
    {
        var rows = table.Rows;
        var numbers = new double[rows.Count];
        var allNumbers = true;
        var allIntegers = true;
        for (var r = 0; r < rows.Count; r++)
        {
            var cell = rows[r][column];
            if (cell.Trim().Length == 0) problems.Add($"{table.Where(r, column)}: the label is empty.");
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]) && double.IsFinite(numbers[r]))
                allIntegers &= numbers[r] == Math.Round(numbers[r]) && Math.Abs(numbers[r]) < 1L << 53;
            else allNumbers = false;
        }
        if (problems.Count > 0) return null;
        if (allNumbers && !allIntegers) return new CsvLabels([], [], numbers);
        return allNumbers ? Classify(table, column, numbers, problems) : Classify(table, column, problems);
    }

    /// <summary>Integer labels: classes are the distinct values in numeric order (so "10" follows "9", and "2" and "2.0" are one class).</summary>
    private static CsvLabels? Classify(CsvTable table, int column, double[] numbers, CsvProblems problems)
    {
        var distinct = numbers.Distinct().Order().ToArray();
        var names = distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        return Checked(table, column, names, numbers.Select(v => Array.BinarySearch(distinct, v)).ToArray(), problems);
    }

    private static CsvLabels? Classify(CsvTable table, int column, CsvProblems problems)
    {
        var names = table.Rows.Select(row => row[column]).Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return Checked(table, column, names, table.Rows.Select(row => index[row[column]]).ToArray(), problems);
    }

    private static CsvLabels? Checked(CsvTable table, int column, string[] names, int[] indices, CsvProblems problems)
    {
        var label = $"column {column + 1} \"{CsvTable.Clip(table.Header[column])}\"";
        if (names.Length < 2) problems.Add($"the label {label} has a single value \"{CsvTable.Clip(names[0])}\"; a classifier needs at least two classes.");
        else if (names.Length > Limits.MaxClasses) problems.Add($"the label {label} has {names.Length} distinct values, more than the limit of {Limits.MaxClasses} classes.");
        return problems.Count > 0 ? null : new CsvLabels(names, indices, []);
    }
}
