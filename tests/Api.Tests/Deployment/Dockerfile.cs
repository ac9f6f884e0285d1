using System.Text.RegularExpressions;

namespace GradientService.Api.Tests.Deployment;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments)
{
    public string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The parts of a Dockerfile the deployment test checks: COPY sources, ENV settings, the HEALTHCHECK command.</summary>
public sealed partial class Dockerfile(IReadOnlyList<DockerInstruction> instructions)
{
    public IReadOnlyList<DockerInstruction> Instructions { get; } = instructions;

    public static Dockerfile Read(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0)) continue;
            if (line.EndsWith('\\')) { pending += line[..^1] + " "; continue; }
            line = pending + line;
            pending = "";
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0 ? new(line.ToUpperInvariant(), "") : new(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim()));
        }
        return new Dockerfile(instructions);
    }

    /// <summary>Each COPY from the build context (not --from another stage): its sources, the last word being the destination.</summary>
    public IEnumerable<string> ContextCopySources() =>
        Instructions.Where(i => i.Keyword == "COPY" && !i.Words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal)))
            .SelectMany(i => i.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1));

    /// <summary>The ENV settings (KEY=value form), in order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
        Instructions.Where(i => i.Keyword == "ENV")
            .SelectMany(i => EnvPair().Matches(i.Arguments))
            .Select(m => KeyValuePair.Create(m.Groups["key"].Value, m.Groups["value"].Value.Trim('"')));

    public string HealthCheck => Instructions.Single(i => i.Keyword == "HEALTHCHECK").Arguments;

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex EnvPair();
}
