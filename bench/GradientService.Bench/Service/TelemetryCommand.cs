using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GradientService.Api;
using GradientService.Api.Endpoints;
using GradientService.Api.Health;
using GradientService.Api.Hubs;
using GradientService.Api.Problems;
using GradientService.Bench.Engine;
using GradientService.Core.Contracts;
using GradientService.Core.Spec;
using GradientService.Core.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GradientService.Bench.Service;

/// <summary>
/// `telemetry [--only text] [--seconds 4] [--clients 5]`: the engine matrix's shapes trained bare (Trainer.Run with an
/// empty callback) and through the service (the real app on Kestrel at 127.0.0.1:0, the recorder writing SQLite,
/// and N hub clients subscribed over WebSockets). Target (issue 5): ≤ 5% fewer steps/s through the service.
/// Both sides use the same spec with generated data (teacher data for MLPs, the adding problem for recurrent nets).
/// </summary>
public static class TelemetryCommand
{
    public static int Run(string[] args)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var seconds = double.Parse(args.SkipWhile(a => a != "--seconds").Skip(1).FirstOrDefault() ?? "4", CultureInfo.InvariantCulture);
        var clients = RecorderCommand.Int(args, "--clients", 5);
        var threads = RecorderCommand.Int(args, "--threads", 2);
        var path = ServiceDatabase.Temporary();
        try
        {
            return RunAsync(only, seconds, clients, threads, path).GetAwaiter().GetResult();
        }
        finally
        {
            ServiceDatabase.Delete(path);
        }
    }

    private static async Task<int> RunAsync(string? only, double seconds, int clients, int threads, string path)
    {
        await using var app = await StartAsync(path, threads);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };
        Console.WriteLine($"telemetry benchmark: {threads} thread(s) per run, {clients} hub clients, ~{seconds} s per side; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"{"config",-28} {"bare steps/s",13} {"1 client",10} {"overhead",9} {$"{clients} clients",10} {"overhead",9}");
        foreach (var config in EngineConfig.Matrix.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var probe = Spec(config, 50);
            var bareRate = Bare(probe, threads, 20); // calibration
            var steps = Math.Max(50, (int)(bareRate * seconds));
            var spec = Spec(config, steps);
            // Bare before and after the service runs (JIT tiering and a busy host move both sides); the better bare figure counts.
            var bareBefore = Bare(spec, threads, steps);
            var one = await ThroughServiceAsync(http, address, spec, 1);
            var many = await ThroughServiceAsync(http, address, spec, clients);
            var bare = Math.Max(bareBefore, Bare(spec, threads, steps));
            Console.WriteLine($"{config.Name,-28} {bare,13:N1} {one,10:N1} {(1 - one / bare) * 100,8:F1}% {many,10:N1} {(1 - many / bare) * 100,8:F1}%");
        }
        return 0;
    }

    private static RunSpec Spec(EngineConfig c, int steps) => new()
    {
        Name = c.Name,
        Model = new ModelSpec { Architecture = c.Architecture, Activation = c.Activation, Depth = c.Depth, Width = c.Width },
        Init = new InitSpec { Scheme = c.Activation == ActivationKind.Relu ? InitScheme.HeNormal : InitScheme.XavierNormal },
        Data = c.IsRecurrent
            ? new DataSpec { Kind = DatasetKind.Adding, Samples = 512, SequenceLength = c.Steps }
            : new DataSpec { Kind = DatasetKind.Teacher, Samples = 2048, Dimensions = c.Width, Classes = EngineConfig.Classes },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.01 },
        Training = new TrainingSpec { Loss = c.IsRecurrent ? LossKind.Mse : LossKind.CrossEntropy, BatchSize = c.Batch, Steps = steps, EvalEvery = 0, TimeLagEvery = 0, Seed = 1 },
    };

    private static double Bare(RunSpec spec, int threads, int steps)
    {
        var trainer = Trainer.Create(spec with { Training = spec.Training with { Steps = steps } }, threads);
        var clock = Stopwatch.StartNew();
        trainer.Run(_ => { });
        return steps / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Steady-state steps/s: between the first and the last live batch the first client received (so model building and
    /// the final checkpoint, fixed costs of any run, are left out). The clients run in this process, so their JSON parsing
    /// is charged to the service here; browsers elsewhere would not be.
    /// </summary>
    private static async Task<double> ThroughServiceAsync(HttpClient http, Uri address, RunSpec spec, int clientCount)
    {
        var response = await http.PostAsync("/api/runs", JsonContent.Create(spec, options: SpecJson.Options));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<RunCreated>(Json))!.Id;
        var connections = new List<HubConnection>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        (int Step, double Seconds)? first = null, last = null;
        for (var i = 0; i < clientCount; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(address, HubRoutes.Runs.TrimStart('/')))
                .AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals).Build();
            var timing = i == 0;
            connection.On<StepBatch>(nameof(IRunStreamClient.StepBatch), batch =>
            {
                if (!timing || batch.Steps.Count == 0) return;
                first ??= (batch.LastStep, clock.Elapsed.TotalSeconds);
                last = (batch.LastStep, clock.Elapsed.TotalSeconds);
            });
            connection.On<RunStatusMessage>(nameof(IRunStreamClient.StatusChanged), s => { if (s.Status.IsFinal()) finished.TrySetResult(); });
            await connection.StartAsync();
            await connection.InvokeAsync<SubscribeResult>(nameof(IRunsHub.SubscribeToRun), id, 0);
            connections.Add(connection);
        }
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(10));
        foreach (var connection in connections) await connection.DisposeAsync();
        if (first is not { } a || last is not { } b || b.Seconds <= a.Seconds) return double.NaN;
        return (b.Step - a.Step) / (b.Seconds - a.Seconds);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The app as Program.cs builds it, on a loopback port, over the benchmark's own database.</summary>
    private static async Task<WebApplication> StartAsync(string path, int threads)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Storage:DatabasePath"] = path;
        builder.Configuration["Workers:ThreadsPerRun"] = threads.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Workers:PollInterval"] = "00:00:00.100";
        builder.Configuration["Security:SubmissionsPerWindow"] = "100000";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Urls"] = "http://127.0.0.1:0";
        builder.AddGradientService();
        var app = builder.Build();
        app.UseGradientService();
        app.MapRunsEndpoints();
        app.MapHealthEndpoints();
        app.MapHub<RunsHub>(HubRoutes.Runs);
        app.MapApiFallback();
        await app.StartAsync();
        return app;
    }
}
