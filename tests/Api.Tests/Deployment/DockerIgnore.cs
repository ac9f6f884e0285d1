using System.Text;
using System.Text.RegularExpressions;

namespace GradientService.Api.Tests.Deployment;

/// <summary>
/// A .dockerignore file, applied as Docker applies it: a pattern matches a path or any folder above it, relative to the
/// context root; <c>*</c> and <c>?</c> stay within one folder, <c>**</c> crosses folders; the last matching line decides,
/// and a line starting with <c>!</c> re-includes (character classes are not supported here).
/// </summary>
public sealed class DockerIgnore(IReadOnlyList<(Regex Pattern, bool Exception)> rules)
{
    public static DockerIgnore Read(string path) => new([.. File.ReadAllLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => (Pattern: ToRegex(l.TrimStart('!').Trim('/')), Exception: l.StartsWith('!')))]);

    public bool Excludes(string contextPath)
    {
        var path = contextPath.Trim('/');
        var excluded = false;
        foreach (var (pattern, exception) in rules)
            if (pattern.IsMatch(path)) excluded = !exception;
        return excluded;
    }

    private static Regex ToRegex(string glob)
    {
        if (glob.Contains('[', StringComparison.Ordinal)) throw new NotSupportedException($".dockerignore pattern {glob}: character classes are not supported by this test.");
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else regex.Append(glob[i] switch { '*' => "[^/]*", '?' => "[^/]", var c => Regex.Escape(c.ToString()) });
        }
        return new Regex(regex.Append("(?:/.*)?$").ToString(), RegexOptions.CultureInvariant);
    }
}
