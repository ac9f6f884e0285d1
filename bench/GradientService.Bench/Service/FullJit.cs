using System.Diagnostics;

namespace GradientService.Bench.Service;

/// <summary>
/// Runs a command in a child process with the tiered JIT off (DOTNET_TieredCompilation=0), so both sides of a side-by-side
/// measurement run fully optimised code from their first step. With tiering on, this busy host's background compiler
/// fell behind the service's start-up code and the bare engine ran its tier-0 code for whole rounds (tanh D10: ~290
/// steps/s against ~3,300 fully compiled).
/// </summary>
public static class FullJit
{
    private const string Variable = "DOTNET_TieredCompilation";

    /// <summary>The child's exit code, or null in the child itself (the command runs here).</summary>
    public static int? Relaunch(string command, string[] args)
    {
        if (Environment.GetEnvironmentVariable(Variable) == "0") return null;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(typeof(FullJit).Assembly.Location);
        start.ArgumentList.Add(command);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[Variable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the benchmark's child process.");
        child.WaitForExit();
        return child.ExitCode;
    }
}
