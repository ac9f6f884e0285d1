using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradientService.E2E.Tests.Infrastructure;

/// <summary>
/// The published Api started as the Docker image starts it (`dotnet GradientService.Api.dll` in the publish folder,
/// Production) on a loopback port (port 0: Kestrel picks one and logs it), over its own SQLite file.
/// </summary>
public sealed partial class PublishedApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PublishedApiProcess(Process process) => _process = process;

    public static async Task<PublishedApiProcess> StartAsync(PublishedApp app)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(app.Output, "GradientService.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = app.Output,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DatabasePath"] = Path.Combine(app.DataFolder, "gradients.db");
        info.Environment["Logging__LogLevel__Default"] = "Information";
        var api = new PublishedApiProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
        api._process.OutputDataReceived += (_, e) => api.OnOutput(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.OnOutput(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        api._process.EnableRaisingEvents = true;
        api._process.Exited += (_, _) => api._listening.TrySetException(new InvalidOperationException($"The published Api exited:\n{api.Output}"));
        try
        {
            api.Address = await api._listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await api.DisposeAsync();
            throw new TimeoutException($"The published Api did not listen within {StartTimeout}:\n{api.Output}");
        }
        return api;
    }

    public Uri Address { get; private set; } = null!; // set in StartAsync before the instance is handed out

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    private void OnOutput(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (ListeningLine().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
