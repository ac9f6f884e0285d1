using System.Diagnostics;
using System.Text.Json;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>
/// `engine [--json file] [--only substring] [--threads n] [--float64] [--seconds s] [--rounds r]`: full training steps
/// (forward, loss, backward, every probe, SGD update) per config; prints steps/s, GFLOP/s and allocations per step.
/// Rounds time every config in turn, so a slow spell of the host spreads over all rows; the median round is reported.
/// </summary>
public static class EngineCommand
{
    public static int Run(string[] args)
    {
        var json = Option(args, "--json");
        var only = Option(args, "--only");
        var threads = int.Parse(Option(args, "--threads") ?? Environment.ProcessorCount.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "0.5", System.Globalization.CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var precision = args.Contains("--float64") ? Precision.Float64 : Precision.Float32;
        var configs = EngineConfig.Matrix.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();

        var runs = configs.Select(c => new EngineRun(c, Trainer.Create(c.Spec(precision), c.Data(), new Rng(2), new Rng(3), threads))).ToList();
        foreach (var run in runs) run.Calibrate(seconds);
        for (var round = 0; round < rounds; round++)
            foreach (var run in runs) run.TimeRound();

        Console.WriteLine($"engine benchmark: {precision}, {threads} thread(s), {rounds} rounds, median steps/s");
        Console.WriteLine($"{"config",-28} {"steps/s",10} {"ms/step",9} {"GFLOP/s",9} {"alloc B/step",13}");
        foreach (var run in runs)
            Console.WriteLine($"{run.Config.Name,-28} {run.Median,10:F1} {1000 / run.Median,9:F2} {run.Config.FlopsPerStep * run.Median / 1e9,9:F1} {run.AllocatedPerStep,13:F0}");
        if (json is not null)
        {
            var rows = runs.Select(r => new
            {
                config = r.Config.Name, stepsPerSecond = r.Median, gflops = r.Config.FlopsPerStep * r.Median / 1e9,
                mflopPerStep = r.Config.FlopsPerStep / 1e6, allocatedBytesPerStep = r.AllocatedPerStep, rounds = r.Rounds,
            });
            File.WriteAllText(json, JsonSerializer.Serialize(new { precision = precision.ToString(), threads, results = rows }, new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class EngineRun(EngineConfig config, Trainer trainer)
    {
        private int _stepsPerRound = 1;

        public EngineConfig Config => config;
        public List<double> Rounds { get; } = [];
        public double Median => Rounds.Order().ElementAt(Rounds.Count / 2);
        public double AllocatedPerStep { get; private set; }

        /// <summary>Warm-up (tiered JIT), then as many steps as fill about <paramref name="seconds"/>.</summary>
        public void Calibrate(double seconds)
        {
            Steps(3);
            var watch = Stopwatch.StartNew();
            var n = 0;
            while (watch.Elapsed.TotalSeconds < Math.Min(1.0, seconds)) { Steps(1); n++; }
            _stepsPerRound = Math.Max(1, (int)(n * seconds / watch.Elapsed.TotalSeconds));
        }

        public void TimeRound()
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            Steps(_stepsPerRound);
            watch.Stop();
            AllocatedPerStep = (GC.GetTotalAllocatedBytes(true) - before) / (double)_stepsPerRound;
            Rounds.Add(_stepsPerRound / watch.Elapsed.TotalSeconds);
        }

        private void Steps(int count)
        {
            using var stop = new CancellationTokenSource();
            var done = 0;
            trainer.Run(_ => { if (++done == count) stop.Cancel(); }, stop.Token);
        }
    }
}
