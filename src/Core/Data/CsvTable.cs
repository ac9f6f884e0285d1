using System.Globalization;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// A CSV file as text cells: the header and the data rows, all of the header's width. Row numbers in messages count
/// records from 1 with the header as row 1 (so data row i is row i + 2), as a spreadsheet shows them.
/// </summary>
internal sealed record CsvTable(string[] Header, List<string[]> Rows)
{
    /// <summary>Index of the column named <paramref name="name"/>, or <paramref name="fallback"/> when no name is given; −1 with an error when absent.</summary>
    public int Column(string? name, int fallback, string field, ICollection<SpecError> errors)
    {
        if (name is null)
        {
            if (fallback < Header.Length) return fallback;
            errors.Add(new SpecError(field, $"is needed: the file has only {Header.Length} columns, so there is no column {fallback + 1} to default to."));
            return -1;
        }
        var index = Array.IndexOf(Header, name);
        if (index < 0)
            errors.Add(new SpecError(field, $"no column is named \"{Clip(name)}\"; the header has {Describe(Header)}."));
        return index;
    }

    /// <summary>"row r, column c \"name\"" for the data row <paramref name="row"/> (0-based).</summary>
    public string Where(int row, int column) => $"row {row + 2}, column {column + 1} \"{Clip(Header[column])}\"";

    /// <summary>Parses a cell as a finite invariant-culture number, or adds an error naming its row and column.</summary>
    public bool TryNumber(int row, int column, CsvProblems problems, out double value)
    {
        var cell = Rows[row][column];
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        problems.Add($"{Where(row, column)}: \"{Clip(cell)}\" is not a finite number.");
        return false;
    }

    /// <summary>The cells of <paramref name="columns"/> as numbers, [rows, columns] row-major; null when any cell is not a finite number.</summary>
    public double[]? Numbers(int[] columns, CsvProblems problems)
    {
        var values = new double[Rows.Count * columns.Length];
        var ok = true;
        for (var r = 0; r < Rows.Count; r++)
            for (var c = 0; c < columns.Length; c++)
                ok &= TryNumber(r, columns[c], problems, out values[r * columns.Length + c]);
        return ok ? values : null;
    }

    /// <summary>Every column index except <paramref name="excluded"/>, in file order.</summary>
    public int[] ColumnsExcept(params int[] excluded) => Enumerable.Range(0, Header.Length).Where(c => !excluded.Contains(c)).ToArray();

    public static string Clip(string text, int max = 40) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static string Describe(string[] names) =>
        string.Join(", ", names.Take(10).Select(n => $"\"{Clip(n)}\"")) + (names.Length > 10 ? $" and {names.Length - 10} more" : "");
}
