namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from (the folder holding GradientService.sln above the test output).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "GradientService.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException("GradientService.sln not found above the test output.");
    }
}
