using System.Diagnostics;

namespace GradientService.E2E.Tests.Infrastructure;

/// <summary>
/// `dotnet publish` of the Api as the Dockerfile runs it, from a copy of the sources in a temp folder (publishing the
/// checkout in place would rewrite the build outputs the browser tests serve from). The folder is deleted afterwards.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-publish", Guid.NewGuid().ToString("N"));

    public string Output => Path.Combine(_folder, "out");

    public string WebRoot => Path.Combine(Output, "wwwroot");

    public string DataFolder => Path.Combine(_folder, "data");

    public async Task InitializeAsync()
    {
        var sources = Path.Combine(_folder, "sources");
        SourceCopy.Copy(RepositoryRoot(), sources);
        Directory.CreateDirectory(DataFolder);
        // No build servers: nothing the test starts outlives it. The NuGet cache is shared, so restore is quick.
        await DotnetAsync(["publish", Path.Combine(sources, "src", "Api", "GradientService.Api.csproj"), "-c", "Release", "-o", Output,
            "-p:UseAppHost=false", "--disable-build-servers", "-nologo", "-v", "q"], sources);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open on a slow shutdown; temp space */ }
        return Task.CompletedTask;
    }

    private static async Task DotnetAsync(string[] arguments, string folder)
    {
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took over {PublishTimeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GradientService.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("GradientService.sln not found above the test folder.");
    }
}
