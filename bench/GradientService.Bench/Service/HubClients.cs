using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Bench.Service;

/// <summary>
/// The telemetry benchmark's hub clients in a process of their own (the benchmark re-invoked with the hidden
/// <c>hub-clients</c> command), so their decoding and garbage collection are not counted as the service's, as browsers'
/// would not be. They still share the host's cores with the service, as a dashboard on the same machine would.
/// The parent drives the child over its standard input and output, one line each way per run:
/// <c>subscribe {run id}</c> → <c>subscribed</c> (every client subscribed from step 0), then
/// <c>finished {last step the first client saw}</c> once the run's final status reached every client.
/// Each client parses every <see cref="StepBatch"/> in MessagePack, as the dashboard does (JSON, as scripts would, with --json).
/// </summary>
public sealed class HubClients : IDisposable
{
    public const string Command = "hub-clients";
    private readonly Process _child;

    public HubClients(Uri address, int clients, bool json)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(HubClients).Assembly.Location);
        start.ArgumentList.Add(Command);
        start.ArgumentList.Add(address.ToString());
        start.ArgumentList.Add(clients.ToString(CultureInfo.InvariantCulture));
        if (json) start.ArgumentList.Add("--json");
        _child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub clients' process.");
    }

    /// <summary>CPU time of the clients' process so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _child.Refresh();
            return _child.TotalProcessorTime;
        }
    }

    public async Task SubscribeAsync(Guid runId)
    {
        await _child.StandardInput.WriteLineAsync($"subscribe {runId}");
        await _child.StandardInput.FlushAsync();
        await Expect("subscribed");
    }

    /// <summary>The last step the first client saw, once the run's final status reached every client.</summary>
    public async Task<int> FinishedAsync() => int.Parse((await Expect("finished"))[1], CultureInfo.InvariantCulture);

    private async Task<string[]> Expect(string word)
    {
        var line = await _child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(10))
            ?? throw new InvalidOperationException("The hub clients' process ended.");
        var parts = line.Split(' ');
        return parts[0] == word ? parts : throw new InvalidOperationException($"The hub clients' process said '{line}', not '{word}'.");
    }

    public void Dispose()
    {
        _child.StandardInput.Close(); // the child ends at the end of its input
        if (!_child.WaitForExit(TimeSpan.FromSeconds(30))) _child.Kill();
        _child.Dispose();
    }

    /// <summary>The child: <c>hub-clients {address} {clients} [--json]</c>.</summary>
    public static int Run(string[] args)
    {
        var (address, count, json) = (new Uri(args[0]), int.Parse(args[1], CultureInfo.InvariantCulture), args.Contains("--json"));
        while (Console.ReadLine() is { } line)
        {
            var runId = Guid.Parse(line.Split(' ')[1]);
            var lastStep = WatchAsync(address, count, json, runId).GetAwaiter().GetResult();
            Console.WriteLine($"finished {lastStep}");
        }
        return 0;
    }

    private static async Task<int> WatchAsync(Uri address, int count, bool json, Guid runId)
    {
        var connections = new List<HubConnection>();
        var finished = new CountdownEvent(count);
        var lastStep = 0;
        for (var i = 0; i < count; i++)
        {
            var builder = new HubConnectionBuilder().WithUrl(new Uri(address, HubRoutes.Runs.TrimStart('/')));
            var connection = (json ? builder.AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)
                : builder.AddMessagePackProtocol()).Build();
            var (first, done) = (i == 0, 0);
            connection.On<StepBatch>(nameof(IRunStreamClient.StepBatch), batch => { if (first) lastStep = Math.Max(lastStep, batch.LastStep); });
            connection.On<RunStatusMessage>(nameof(IRunStreamClient.StatusChanged), s =>
            {
                if (s.Status.IsFinal() && Interlocked.Exchange(ref done, 1) == 0) finished.Signal();
            });
            await connection.StartAsync();
            await connection.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), runId, 0);
            connections.Add(connection);
        }
        Console.WriteLine("subscribed");
        if (!finished.Wait(TimeSpan.FromMinutes(10))) throw new TimeoutException("The run's final status did not reach every client.");
        foreach (var connection in connections) await connection.DisposeAsync();
        return lastStep;
    }
}
