namespace GradientService.E2E.Tests.Infrastructure;

/// <summary>
/// What a fresh clone holds for building the Api (as the Dockerfile copies it): the root build files and src/, without
/// any bin/, obj/, node_modules/ or the chart library the Web build copies into wwwroot/lib (the Web build runs `npm ci`
/// for them, served from npm's cache once the checkout has been built). Building the copy never touches the build
/// outputs the browser tests serve from.
/// </summary>
public static class SourceCopy
{
    private static readonly string[] RootFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props", "Directory.Build.targets", ".editorconfig", "NuGet.config"];

    private static readonly HashSet<string> Generated = new(["bin", "obj", "node_modules", "TestResults"], StringComparer.OrdinalIgnoreCase);

    public static void Copy(string repository, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(repository))
        {
            var name = Path.GetFileName(file);
            if (RootFiles.Contains(name, StringComparer.OrdinalIgnoreCase)) File.Copy(file, Path.Combine(destination, name));
        }
        CopyFolder(Path.Combine(repository, "src"), Path.Combine(destination, "src"), Path.Combine(repository, "src", "Web", "wwwroot", "lib"));
    }

    private static void CopyFolder(string source, string destination, string generatedLibrary)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (Generated.Contains(name) || Path.GetFullPath(folder) == Path.GetFullPath(generatedLibrary)) continue;
            CopyFolder(folder, Path.Combine(destination, name), generatedLibrary);
        }
    }
}
