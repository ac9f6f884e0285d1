using System.Globalization;
using System.Text.Json;

namespace GradientService.Bench.Targets;

/// <summary>
/// The targets table every benchmark prints after its own output: `--targets file` writes this run's rows as JSON,
/// `--before file` (the same command's rows from an earlier build, e.g. the base commit's bench) puts that build's figure
/// and ratio beside each row, matched on target and config. One table, so README.md's benchmark section copies it as is.
/// </summary>
public static class TargetTable
{
    public const string Help = "[--targets rows.json] [--before earlier-rows.json]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Report(string[] args, IReadOnlyList<TargetRow> rows)
    {
        if (Option(args, "--targets") is { } output) File.WriteAllText(output, JsonSerializer.Serialize(rows, Json));
        var before = Option(args, "--before") is { } earlier && File.Exists(earlier)
            ? JsonSerializer.Deserialize<List<TargetRow>>(File.ReadAllText(earlier), Json)!.ToDictionary(r => (r.Target, r.Config))
            : [];
        if (Option(args, "--before") is { } missing && !File.Exists(missing)) Console.Error.WriteLine($"--before {missing}: no such file; rows printed without it");
        Console.WriteLine();
        Console.WriteLine("| target | config | before | now | unit | reference | ratio before → now | goal | met |");
        Console.WriteLine("|---|---|---:|---:|---|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var was = before.GetValueOrDefault((row.Target, row.Config));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Target} | {row.Config} | {Figure(was?.Figure)} | {Figure(row.Figure)} | {row.Unit} | {row.ReferenceName} {Figure(row.Reference)} | {Figure(was?.Ratio)} → {Figure(row.Ratio)} | {row.Goal} | {(row.Met ? "yes" : "**no**")} |"));
        }
    }

    private static string Figure(double? value) => value switch
    {
        null => "–",
        double v when Math.Abs(v) >= 100 => v.ToString("N0", CultureInfo.InvariantCulture),
        double v when Math.Abs(v) >= 10 => v.ToString("F1", CultureInfo.InvariantCulture),
        double v => v.ToString("F3", CultureInfo.InvariantCulture),
    };

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
