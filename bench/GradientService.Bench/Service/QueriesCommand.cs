using System.Diagnostics;
using System.Text.Json;
using GradientService.Api.Diagnosis;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Bench.Service;

/// <summary>
/// `queries [--layers 100] [--steps 100000] [--runs 10000] [--repeat 50]`: p50/p95 of the read paths on a big run, each
/// query on a fresh DbContext as a request gets it. Targets (issue 5): one layer's series to 2,000 points ≤ 50 ms;
/// the heatmap at 100 × 1,000 ≤ 100 ms; a page of 50 from 10,000 runs ≤ 20 ms; (issue 13) the run's diagnosis ≤ 200 ms.
/// </summary>
public static class QueriesCommand
{
    public static int Run(string[] args)
    {
        var layers = RecorderCommand.Int(args, "--layers", 100);
        var steps = RecorderCommand.Int(args, "--steps", 100_000);
        var runs = RecorderCommand.Int(args, "--runs", 10_000);
        var repeat = RecorderCommand.Int(args, "--repeat", 50);
        var path = ServiceDatabase.Temporary();
        var database = new ServiceDatabase(path);
        try
        {
            database.Migrate();
            var run = database.AddRun("queries bench", steps, layers);
            var filled = SyntheticSteps.Record(database, run, layers, steps);
            AddRuns(database, runs - 2);
            AddDiagnosable(database, run, layers, steps);
            database.Settle();
            using (var db = database.Context()) run = db.Runs.Single(r => r.Key == run.Key);
            Console.WriteLine($"queries benchmark: a {layers}-layer × {steps:N0}-step run ({filled.Steps / filled.Elapsed.TotalSeconds:N0} steps/s to build), {runs:N0} runs, {repeat} repetitions");
            Console.WriteLine($"  {database.Storage.Provider} store size {database.Bytes() / 1e6:N0} MB");
            Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"query",-44} {"p50 ms",8} {"p95 ms",8} {"cpu p50",8} {"cpu p95",8} {"target",8}");
            var random = new Random(5);
            Report("layer series → 2,000 points (min-max)", 50, Time(database, repeat, (db, _) =>
                new SeriesQueries(new SeriesStore(db)).LayerAsync(run, random.Next(1, layers + 1), [LayerMetric.WeightGradNorm], 1, steps, 2000, Downsampler.MinMax, default)));
            Report("layer series → 2,000 points (lttb)", 50, Time(database, repeat, (db, _) =>
                new SeriesQueries(new SeriesStore(db)).LayerAsync(run, random.Next(1, layers + 1), [LayerMetric.WeightGradNorm], 1, steps, 2000, Downsampler.Lttb, default)));
            Report($"heatmap {layers} × 1,000 (max)", 100, Time(database, repeat, (db, _) =>
                new SeriesQueries(new SeriesStore(db)).HeatmapAsync(run, LayerMetric.WeightGradNorm, 1, steps, 1000, SeriesQueries.Max, default)));
            Report("page of 50 runs, newest first", 20, Time(database, repeat * 4, (db, _) =>
                new RunStore(db, TimeProvider.System).ListAsync(new RunQuery(null, null, null, null, null, null, null, RunSort.CreatedDesc, random.Next(1, runs / 50), 50), default)));
            Report("page of 50 completed sigmoid runs", 20, Time(database, repeat * 4, (db, _) =>
                new RunStore(db, TimeProvider.System).ListAsync(new RunQuery(RunStatus.Completed, null, "sigmoid", null, null, null, null, RunSort.CreatedDesc, random.Next(1, 20), 50), default)));
            Report("depth profile (every layer at one step)", null, Time(database, repeat, (db, _) =>
                new SeriesQueries(new SeriesStore(db)).DepthProfileAsync(run, random.Next(1, steps), Enum.GetValues<LayerMetric>(), default)));
            Report("step series, 8 fields → 2,000 points", null, Time(database, repeat / 5 + 1, (db, _) =>
                new SeriesQueries(new SeriesStore(db)).StepsAsync(run, Enum.GetValues<StepMetric>(), 1, steps, 2000, Downsampler.MinMax, default)));
            using var theories = new RunTheories(new AnalysisLane());
            theories.GetAsync(run.Id, RunMapping.Spec(run)).GetAwaiter().GetResult();
            Report("diagnosis (episodes, step 1, newest step)", 200, Time(database, repeat, (db, _) =>
                new RunDiagnoses(new SeriesStore(db), theories).ForAsync(run, default)));
            Report("theory of the spec (once per run, async)", null, Time(database, repeat / 5 + 1, async (_, _) =>
            {
                using var cold = new RunTheories(new AnalysisLane());
                return await cold.GetAsync(run.Id, RunMapping.Spec(run));
            }));
            return 0;
        }
        finally
        {
            database.Drop();
            ServiceDatabase.Delete(path);
        }
    }

    /// <summary>
    /// Gives the big run a real spec (an (L−1)-layer sigmoid net, as its layers) and the episodes a long vanishing run has:
    /// one vanishing episode over the whole run and 200 clipping episodes.
    /// </summary>
    private static void AddDiagnosable(ServiceDatabase database, RunRecord run, int layers, int steps)
    {
        using var db = database.Context();
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = layers - 1, Width = 64, Activation = ActivationKind.Sigmoid },
            Init = new InitSpec { Scheme = InitScheme.Standard },
            Data = new DataSpec { Kind = DatasetKind.TwoSpirals, Samples = 2000, Noise = 0.1 },
            Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1 },
            Training = new TrainingSpec { Steps = steps },
        };
        db.Runs.Where(r => r.Key == run.Key).ExecuteUpdate(s => s.SetProperty(r => r.SpecJson, JsonSerializer.Serialize(spec, SpecJson.Options)));
        // The recorder's detectors found their own episodes in the synthetic steps: replace them by a known set.
        db.Episodes.Where(e => e.RunKey == run.Key).ExecuteDelete();
        db.Episodes.Add(new EpisodeRow { RunKey = run.Key, Kind = EpisodeKinds.Vanishing, Track = 0, FirstStep = 1, LastStep = steps, Steps = steps, Layer = layers - 2, Peak = 12, PeakStep = 1, Message = "vanishing" });
        for (var i = 0; i < 200; i++)
        {
            var first = 1 + i * (steps / 200);
            db.Episodes.Add(new EpisodeRow { RunKey = run.Key, Kind = EpisodeKinds.Clipping, Track = 0, FirstStep = first, LastStep = first + 9, Steps = 10, Peak = 0.3, PeakStep = first, Message = "clipped" });
        }
        db.SaveChanges();
    }

    private static void AddRuns(ServiceDatabase database, int count)
    {
        using var db = database.Context();
        var random = new Random(3);
        var statuses = Enum.GetValues<RunStatus>();
        var activations = new[] { "sigmoid", "tanh", "relu", "gelu" };
        var start = DateTime.UtcNow.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            db.Runs.Add(new RunRecord
            {
                Id = Guid.CreateVersion7(),
                Name = $"run {i}",
                SpecJson = "{}",
                Architecture = "mlp",
                Activation = activations[random.Next(activations.Length)],
                Init = "he-normal",
                Depth = 10,
                TotalSteps = 1000,
                StepsDone = 1000,
                Status = statuses[random.Next(statuses.Length)],
                CreatedAt = start.AddSeconds(i * 60),
                LastLoss = random.NextDouble(),
            });
        }
        db.SaveChanges();
    }

    /// <summary>Wall-clock and CPU milliseconds per call (CPU time shows the cost when other processes share the cores).</summary>
    private static (List<double> Wall, List<double> Cpu) Time<T>(ServiceDatabase database, int repeat, Func<GradientDbContext, int, Task<T>> query)
    {
        var wall = new List<double>(repeat);
        var cpu = new List<double>(repeat);
        var process = Process.GetCurrentProcess();
        for (var i = -3; i < repeat; i++) // three warm-up calls: EF compiles the query shape, SQLite warms its cache
        {
            using var db = database.Context();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            query(db, i).GetAwaiter().GetResult();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            if (i < 0) continue;
            wall.Add(elapsed);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        wall.Sort();
        cpu.Sort();
        return (wall, cpu);
    }

    private static void Report(string name, int? targetMs, (List<double> Wall, List<double> Cpu) times)
    {
        static double Percentile(List<double> s, double p) => s[Math.Min(s.Count - 1, (int)Math.Ceiling(p * s.Count) - 1)];
        Console.WriteLine($"{name,-44} {Percentile(times.Wall, 0.5),8:F1} {Percentile(times.Wall, 0.95),8:F1} {Percentile(times.Cpu, 0.5),8:F1} {Percentile(times.Cpu, 0.95),8:F1} {(targetMs is { } t ? $"≤ {t}" : ""),8}");
    }
}
