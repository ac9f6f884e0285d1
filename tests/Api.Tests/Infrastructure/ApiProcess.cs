using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>The built Api started as its own process on a loopback port (port 0: Kestrel picks one and logs it).</summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public static async Task<ApiProcess> StartAsync(string databasePath, params (string Key, string Value)[] settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "GradientService.Api.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DatabasePath"] = databasePath;
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var api = new ApiProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
        api._process.OutputDataReceived += (_, e) => api.OnOutput(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.OnOutput(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        api.Address = await api._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return api;
    }

    public List<string> Output { get; } = [];

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
        lock (Output) Output.Add(line);
        if (ListeningLine().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
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
