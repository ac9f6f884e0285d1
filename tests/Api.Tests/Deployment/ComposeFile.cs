using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GradientService.Api.Tests.Deployment;

/// <summary>One service of a Compose file, its anchors and merge keys (<c>&lt;&lt;: *name</c>) resolved.</summary>
public sealed partial record ComposeService(string Name, YamlMappingNode Node)
{
    public string? Scalar(string key) => Node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;

    public YamlNode? Child(string key) => Node.Children.TryGetValue(key, out var value) ? value : null;

    public string? Image => Scalar("image");

    /// <summary>A list attribute (profiles, ports, volumes) as strings; empty when absent.</summary>
    public IReadOnlyList<string> List(string key) => Strings(Child(key));

    public IReadOnlyList<string> Profiles => List("profiles");

    /// <summary>The environment (mapping or KEY=value list), each ${VAR:-default} replaced by its default as when VAR is unset.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var pairs = Child("environment") switch
        {
            YamlMappingNode map => map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, (c.Value as YamlScalarNode)?.Value ?? "")),
            YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value!.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1] : "")),
            _ => [],
        };
        return pairs.ToDictionary(p => p.Key, p => Interpolation().Replace(p.Value, m => m.Groups["default"].Value));
    }

    /// <summary>depends_on as service name → condition (service_started for the short list form).</summary>
    public IReadOnlyDictionary<string, string> DependsOn() => Child("depends_on") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            c => ((YamlScalarNode)c.Key).Value!,
            c => c.Value is YamlMappingNode d && d.Children.TryGetValue("condition", out var condition) ? ((YamlScalarNode)condition).Value! : "service_started"),
        YamlSequenceNode list => list.Children.ToDictionary(c => ((YamlScalarNode)c).Value!, _ => "service_started"),
        _ => new Dictionary<string, string>(),
    };

    public IReadOnlyList<string> Ports => List("ports");

    /// <summary>The healthcheck's test as one command line ("CMD curl …"), or null when the service defines none.</summary>
    public string? HealthCheck => Child("healthcheck") is YamlMappingNode h && h.Children.TryGetValue("test", out var test)
        ? string.Join(' ', test is YamlSequenceNode words ? Strings(words) : [((YamlScalarNode)test).Value!])
        : null;

    private static string[] Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)],
        YamlScalarNode scalar => [scalar.Value!],
        _ => [],
    };

    // Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default} (docs: compose-file interpolation).
    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?-)(?<default>[^}]*))?\}")]
    private static partial Regex Interpolation();
}

/// <summary>The services of a Compose file.</summary>
public static class ComposeFile
{
    public static IReadOnlyList<ComposeService> Read(string path)
    {
        using var reader = File.OpenText(path);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        var services = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode).Children["services"];
        return [.. services.Children.Select(s => new ComposeService(((YamlScalarNode)s.Key).Value!, (YamlMappingNode)s.Value))];
    }
}
