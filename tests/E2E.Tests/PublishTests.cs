using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradientService.E2E.Tests;

/// <summary>
/// What the Docker image ships is `dotnet publish` of the Api: its index.html must name only files the publish wrote
/// (.NET 10 once left "#[.{fingerprint}]" placeholders unreplaced there, and the dashboard never loaded).
/// </summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task Published_index_html_references_only_published_files()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "gradientservice-publish", Guid.NewGuid().ToString("N"));
        try
        {
            var publish = Process.Start(new ProcessStartInfo("dotnet",
                ["publish", Path.Combine(root, "src", "Api", "GradientService.Api.csproj"), "-c", "Release", "-o", output, "-nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, log);

            var wwwroot = Path.Combine(output, "wwwroot");
            var html = await File.ReadAllTextAsync(Path.Combine(wwwroot, "index.html"));
            var references = AssetReference().Matches(html).Select(m => m.Groups["path"].Value).ToList();
            Assert.Contains("_framework/blazor.webassembly.js", references);
            Assert.All(references, path => Assert.True(File.Exists(Path.Combine(wwwroot, path)), $"index.html names {path}, which the publish did not write"));
            Assert.DoesNotContain("#[", html);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { /* temp space */ }
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GradientService.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("GradientService.sln not found above the test folder.");
    }

    /// <summary>Relative src/href of script and link elements (not external URLs).</summary>
    [GeneratedRegex(@"<(?:script|link)\b[^>]*\b(?:src|href)=""(?<path>(?!https?:|//|\.|/)[^""]+)""")]
    private static partial Regex AssetReference();
}
