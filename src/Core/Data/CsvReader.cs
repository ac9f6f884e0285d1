using System.Text;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Data;

/// <summary>
/// A strict RFC 4180 reader: records end at LF or CRLF, fields are separated by commas, a field may be wrapped in
/// double quotes (then it may hold commas, line breaks and "" for a quote); a quote inside an unquoted field, text
/// after a closing quote, or an unclosed quote is an error naming the row and column. A leading byte-order mark and
/// empty lines at the end are ignored. Every record must have the header's number of fields.
/// </summary>
internal static class CsvReader
{
    /// <summary>The spec's CSV text as a table, or null after adding its problems under "data.csv".</summary>
    public static CsvTable? Read(string? text, ICollection<SpecError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new SpecError("data.csv", "is required for this data set: a header row, then one row per example."));
            return null;
        }
        if (text.Length > Limits.MaxCsvLength)
        {
            errors.Add(new SpecError("data.csv", $"is {text.Length} characters long, beyond the limit of {Limits.MaxCsvLength}."));
            return null;
        }
        var problems = new CsvProblems(errors, "data.csv");
        var table = Read(text, problems);
        problems.Close();
        return table;
    }

    /// <summary>The table, or null after adding the problems to <paramref name="problems"/>.</summary>
    public static CsvTable? Read(string text, CsvProblems problems)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var pos = text.StartsWith('\uFEFF') ? 1 : 0;
        var end = text.Length;
        while (end > pos && text[end - 1] is '\r' or '\n') end--;
        while (pos < end)
        {
            // One field starting at pos; afterwards pos is at the comma, the line break or the end.
            var field = text[pos] == '"' ? Quoted(text, ref pos, end, out var error) : Unquoted(text, ref pos, end, out error);
            if (field is null)
            {
                problems.Add($"row {records.Count + 1}, column {fields.Count + 1}: {error}.");
                return null;
            }
            fields.Add(field);
            if (pos < end && text[pos] == ',')
            {
                pos++;
                if (pos == end) fields.Add(""); // a trailing comma ends with one more, empty, field
                else continue;
            }
            records.Add([.. fields]);
            fields.Clear();
            if (pos < end) pos += text[pos] == '\r' ? 2 : 1;
        }
        return Check(records, problems);
    }

    /// <summary>The unescaped content of a quoted field, or null and why.</summary>
    private static string? Quoted(string text, ref int pos, int end, out string? error)
    {
        error = null;
        var cell = new StringBuilder();
        pos++;
        while (true)
        {
            var quote = text.IndexOf('"', pos);
            if (quote < 0)
            {
                error = "the quoted field is never closed";
                return null;
            }
            cell.Append(text, pos, quote - pos);
            pos = quote + 1;
            if (pos < end && text[pos] == '"')
            {
                cell.Append('"');
                pos++;
            }
            else if (pos == end || text[pos] == ',' || IsBreak(text, pos)) return cell.ToString();
            else
            {
                error = "unexpected text after the closing quote";
                return null;
            }
        }
    }

    private static string? Unquoted(string text, ref int pos, int end, out string? error)
    {
        error = null;
        var start = pos;
        while (pos < end && text[pos] != ',' && !IsBreak(text, pos))
        {
            if (text[pos] == '"')
            {
                error = "a quote inside an unquoted field (quote the whole field and double its quotes)";
                return null;
            }
            pos++;
        }
        return text[start..pos];
    }

    private static bool IsBreak(string text, int pos) =>
        text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n');

    private static CsvTable? Check(List<string[]> records, CsvProblems problems)
    {
        if (records.Count < 3)
        {
            problems.Add($"has {Math.Max(0, records.Count - 1)} data rows; it needs a header row and at least two data rows.");
            return null;
        }
        var header = records[0];
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].Trim().Length == 0) problems.Add($"row 1, column {c + 1}: the header cell is empty; every column needs a name.");
            else if (Array.IndexOf(header, header[c]) < c) problems.Add($"row 1, column {c + 1}: the name \"{CsvTable.Clip(header[c])}\" is used twice.");
        }
        for (var r = 1; r < records.Count; r++)
            if (records[r].Length != header.Length)
                problems.Add($"row {r + 1} has {records[r].Length} fields; the header has {header.Length}.");
        return problems.Count > 0 ? null : new CsvTable(header, records.GetRange(1, records.Count - 1));
    }
}
