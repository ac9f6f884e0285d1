using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradientService.Tests.Shared;

/// <summary>
/// The Api's dll started as its own process the way the Docker image starts it (`dotnet GradientService.Api.dll` in its
/// folder, Production) on a loopback port (port 0: Kestrel picks one and logs it), over the SQLite file it is given (or,
/// with a null path, the store its settings name: Storage:Provider=postgres).
/// Shared by the test projects (a project they reference).
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process) => _process = process;

    /// <summary>Starts <paramref name="folder"/>/GradientService.Api.dll; <paramref name="settings"/> as configuration keys ("Workers:X").</summary>
    public static async Task<ApiProcess> StartAsync(string folder, string? databasePath, params (string Key, string Value)[] settings)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(folder, "GradientService.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (databasePath != null) info.Environment["Storage__DatabasePath"] = databasePath;
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var api = new ApiProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
        api._process.OutputDataReceived += (_, e) => api.OnOutput(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.OnOutput(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        api._process.EnableRaisingEvents = true;
        api._process.Exited += (_, _) => api._listening.TrySetException(new InvalidOperationException($"The Api exited:\n{api.Output}"));
        try
        {
            api.Address = await api._listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await api.DisposeAsync();
            throw new TimeoutException($"The Api did not listen within {StartTimeout}:\n{api.Output}");
        }
        return api;
    }

    public Uri Address { get; private set; } = null!; // set in StartAsync before the instance is handed out

    /// <summary>Everything the process wrote so far, one line each.</summary>
    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

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
