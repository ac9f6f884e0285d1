using GradientService.Contracts.Schema;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GradientService.Api;
using GradientService.Api.Diagnosis;
using GradientService.Api.Endpoints;
using GradientService.Api.Health;
using GradientService.Api.Hubs;
using GradientService.Api.Problems;
using GradientService.Api.Series;
using GradientService.Api.Workers;
using GradientService.Bench.Engine;
using GradientService.Bench.Targets;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GradientService.Bench.Service;

/// <summary>
/// `telemetry [--only text] [--seconds 2] [--rounds 5] [--clients 5] [--json] [--threads 2] [--targets rows.json] [--before earlier-rows.json]`:
/// the engine matrix's shapes trained
/// bare (Trainer.Run with an empty callback) and through the service (the real app on Kestrel at 127.0.0.1:0, the
/// recorder writing SQLite, and N hub clients subscribed over WebSockets before the run starts, from a process of their own:
/// <see cref="HubClients"/>). Both sides time the
/// same span, Trainer.Run (see <see cref="TimedTrainer"/>), with the same spec, generated data and thread count. The two
/// measurements alternate within each round (bare first in even rounds, service first in odd ones), so a busy host
/// moves both; the figure is the median over the rounds, with the spread of the per-round overheads.
/// Target (issue 17): ≥ 90% of the bare steps/s through the service, the median of the per-round ratios (a row of the
/// targets table per config, and one stating the service's own CPU per step over a bare step's: the share to expect where
/// training keeps every core busy).
/// The command runs in a child process with the tiered JIT off (<see cref="FullJit"/>); the clients speak MessagePack as
/// the dashboard does, or JSON with <c>--json</c>.
/// </summary>
public static class TelemetryCommand
{
    public static int Run(string[] args)
    {
        if (FullJit.Relaunch("telemetry", args) is { } exitCode) return exitCode;
        var json = args.Contains("--json");
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var seconds = double.Parse(args.SkipWhile(a => a != "--seconds").Skip(1).FirstOrDefault() ?? "2", CultureInfo.InvariantCulture);
        var rounds = RecorderCommand.Int(args, "--rounds", 5);
        var clients = RecorderCommand.Int(args, "--clients", 5);
        var threads = RecorderCommand.Int(args, "--threads", 2);
        var path = ServiceDatabase.Temporary();
        try
        {
            var rows = RunAsync(only, seconds, rounds, clients, json, threads, path).GetAwaiter().GetResult();
            TargetTable.Report(args, rows);
            return 0;
        }
        finally
        {
            ServiceDatabase.Delete(path);
        }
    }

    private static async Task<List<TargetRow>> RunAsync(string? only, double seconds, int rounds, int clients, bool json, int threads, string path)
    {
        var engine = new TimedEngineFactory();
        await using var app = await StartAsync(path, threads, engine);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };
        using var hubClients = new HubClients(address, clients, json);
        var theories = app.Services.GetRequiredService<RunTheories>();
        Console.WriteLine($"telemetry benchmark: {threads} thread(s) per run, {clients} hub clients ({(json ? "JSON" : "MessagePack")}), ~{seconds} s per side, {rounds} rounds; load average {LoadAverage()}");
        Console.WriteLine("steps/s: wall clock over Trainer.Run, median of the rounds. CPU ms per step (medians): bare; through the service, the");
        Console.WriteLine("training threads' and the other threads' (recorder, hub, Kestrel); 'other/bare': the service's own CPU per step over");
        Console.WriteLine("a bare step's, the overhead to expect where training keeps every core busy (less sensitive to other load); 'clients':");
        Console.WriteLine("the hub clients' process (not the service's; it shares the cores)");
        var rows = new List<TargetRow>();
        Console.WriteLine($"{"config",-38} {"bare steps/s",12} {"service",9} {"overhead",9} {"per round: median [min, max]",30} {"bare cpu",9} {"svc train",9} {"svc other",9} {"other/bare",10} {"clients",9}");
        foreach (var config in EngineConfig.Matrix.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            Bare(Spec(config, 20), threads); // the JIT's first pass, which would make the calibration (and the runs) far too short
            var calibration = Bare(Spec(config, 50), threads);
            var spec = Spec(config, Math.Max(50, (int)(calibration.StepsPerSecond * seconds)));
            var bare = new List<Rate>();
            var service = new List<Rate>();
            for (var round = -1; round < rounds; round++) // round −1 warms up: the JIT's tiered compiler recompiles both paths' hot code
            {
                if (round % 2 == 0) bare.Add(Bare(spec, threads));
                service.Add(await ThroughServiceAsync(http, engine, hubClients, theories, spec));
                if (engine.LastThreads != threads) throw new InvalidOperationException($"The service gave the run {engine.LastThreads} threads, not {threads}.");
                if (round % 2 != 0) bare.Add(Bare(spec, threads));
                if (round >= 0) continue;
                bare.Clear();
                service.Clear();
            }
            var ratios = bare.Zip(service, (b, s) => s.StepsPerSecond / b.StepsPerSecond).ToList();
            var overheads = ratios.Select(r => (1 - r) * 100).ToList();
            var (bareRate, serviceRate) = (Median(bare.Select(r => r.StepsPerSecond)), Median(service.Select(r => r.StepsPerSecond)));
            var bareCpu = Median(bare.Select(r => r.CpuMsPerStep));
            var (trainingCpu, otherCpu) = (Median(service.Select(r => r.TrainingCpuMsPerStep)), Median(service.Select(r => r.OtherCpuMsPerStep)));
            var clientsCpu = Median(service.Select(r => r.ClientsCpuMsPerStep));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{config.Name,-38} {bareRate,12:N1} {serviceRate,9:N1} {(1 - serviceRate / bareRate) * 100,8:F1}% {$"{Median(overheads):F1}% [{overheads.Min():F1}%, {overheads.Max():F1}%]",30} {bareCpu,9:F3} {trainingCpu,9:F3} {otherCpu,9:F3} {otherCpu / bareCpu * 100,9:F1}% {clientsCpu,9:F3}"));
            var byThread = service.SelectMany(r => r.OtherCpuMsByThread!).GroupBy(p => p.Key, p => p.Value).Select(g => (g.Key, Ms: g.Sum()))
                .OrderByDescending(g => g.Ms).Take(4);
            Console.WriteLine($"    other threads' CPU, all service rounds: {string.Join(", ", byThread.Select(t => string.Create(CultureInfo.InvariantCulture, $"'{t.Key}' {t.Ms:N0} ms")))}");
            Console.WriteLine($"    garbage collector, all rounds, bare | service: {Collections(bare, spec.Training.Steps)} | {Collections(service, spec.Training.Steps)}");
            var ratio = Median(ratios);
            rows.Add(new TargetRow("service overhead", config.Name, serviceRate, "steps/s", "bare", bareRate, ratio, "≥ 90 %", ratio >= 0.9));
            rows.Add(new TargetRow("service CPU per step", config.Name, otherCpu, "CPU ms/step", "bare step", bareCpu, otherCpu / bareCpu, "stated", true));
        }
        Console.WriteLine($"load average at the end {LoadAverage()}");
        return rows;
    }

    /// <summary>Collections (gen 2 among them), the median share of the wall time they paused every thread, and the bytes allocated per step.</summary>
    private static string Collections(List<Rate> rates, int steps) => string.Create(CultureInfo.InvariantCulture,
        $"{rates.Sum(r => r.Gc.Collections)} collections ({rates.Sum(r => r.Gc.Gen2)} gen 2), paused {Median(rates.Select(r => r.Gc.PauseShare)):P1} of the time, {Median(rates.Select(r => (double)r.Gc.Allocated)) / steps:N0} bytes allocated per step");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The engine matrix's net (<see cref="EngineConfig.Spec"/>) on a generated data set of its input's shape.</summary>
    private static RunSpec Spec(EngineConfig c, int steps)
    {
        var engine = c.Spec(Precision.Float32);
        return engine with
        {
            Data = c.IsRecurrent ? new DataSpec { Kind = DatasetKind.Adding, Samples = 512, SequenceLength = c.Steps }
                : c.IsTransformer ? new DataSpec { Kind = DatasetKind.Text, Samples = 2048, SequenceLength = c.Steps }
                : c.Cnn is not null ? new DataSpec { Kind = DatasetKind.Mnist, Samples = 2048 }
                : new DataSpec { Kind = DatasetKind.Teacher, Samples = 2048, Dimensions = c.Width, Classes = EngineConfig.Classes },
            Training = engine.Training with { Loss = c.IsRecurrent ? LossKind.Mse : LossKind.CrossEntropy, Steps = steps, TimeLagEvery = 0 },
        };
    }

    private static Rate Bare(RunSpec spec, int threads)
    {
        using var trainer = Trainer.Create(spec, threads);
        var (clock, cpu, gc) = (Stopwatch.StartNew(), ProcessCpu.Now(), GcPauses.Mark());
        trainer.Run(_ => { });
        return new Rate(spec.Training.Steps / clock.Elapsed.TotalSeconds, (ProcessCpu.Now() - cpu).TotalMilliseconds / spec.Training.Steps,
            GcPauses.Since(gc, clock.Elapsed));
    }

    /// <summary>
    /// One run through the service: submitted, the clients subscribed (in their own process, <see cref="HubClients"/>),
    /// then released; its rate is the trainer's own (see <see cref="TimedTrainer"/>), with the clients' CPU over the same span.
    /// </summary>
    private static async Task<Rate> ThroughServiceAsync(HttpClient http, TimedEngineFactory engine, HubClients clients, RunTheories theories, RunSpec spec)
    {
        var timing = engine.Expect();
        var response = await http.PostAsync("/api/runs", JsonContent.Create(spec, options: SpecJson.Options));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<RunCreated>(Json))!.Id;
        await clients.SubscribeAsync(id);
        var cpu = clients.Cpu;
        timing.Go();
        var rate = await timing.Result.WaitAsync(TimeSpan.FromMinutes(10));
        var clientsCpu = (clients.Cpu - cpu).TotalMilliseconds / spec.Training.Steps;
        var lastStep = await clients.FinishedAsync();
        if (lastStep != spec.Training.Steps) Console.Error.WriteLine($"warning: the first client saw steps up to {lastStep} of {spec.Training.Steps}.");
        // A finished run's theory (RunExecutor: ~1 s of a core, once per run) is not a cost of its steps: it would run
        // beside the next measurement (the bare side or the next run) and be counted there.
        if (spec.Model is FeedForwardSpec) await theories.GetAsync(id, spec).WaitAsync(TimeSpan.FromMinutes(10));
        return rate with { ClientsCpuMsPerStep = clientsCpu };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The app as Program.cs builds it, on a loopback port, over the benchmark's own database.</summary>
    private static async Task<WebApplication> StartAsync(string path, int threads, TimedEngineFactory engine)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = "GradientService.Api", // MapStaticAssets reads {ApplicationName}.staticwebassets.endpoints.json
        });
        builder.Configuration["Storage:DatabasePath"] = path;
        builder.Configuration["Workers:MaxConcurrentRuns"] = "1";
        builder.Configuration["Workers:ThreadsPerRun"] = threads.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Workers:PollInterval"] = "00:00:10"; // a submission rings the queue; polling the store meanwhile would load the bare side
        builder.Configuration["Security:SubmissionsPerWindow"] = "100000";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Urls"] = "http://127.0.0.1:0";
        builder.AddGradientService();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITrainerFactory>(engine));
        var app = builder.Build();
        app.UseGradientService();
        app.MapRunsEndpoints();
        app.MapHealthEndpoints();
        app.MapHub<RunsHub>(HubRoutes.Runs);
        app.MapApiFallback();
        await app.StartAsync();
        // The service's start-up warm-up (~1–2 s of CPU) is a start's cost, not a step's: measure after it.
        await app.Services.GetServices<IHostedService>().OfType<QueryWarmup>().Single().Warmed;
        return app;
    }
}
