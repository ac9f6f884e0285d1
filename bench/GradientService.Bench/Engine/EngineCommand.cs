using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GradientService.Bench.Kernels;
using GradientService.Bench.Targets;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>
/// `engine [--json file] [--only text] [--threads n] [--float64] [--seconds s] [--rounds r] [--budget b] [--width w]
/// [--torch oracle-bench.json] [--sweep | --norms] [--cpu-time] [--targets rows.json] [--before earlier-rows.json]`:
/// full training steps (forward, loss, backward, every probe, SGD update) per config, and the same step with the probes
/// off. Each config's one trainer runs in short blocks with its probes switched on and off in (on, off, off, on) quads
/// (<see cref="EngineRun"/>), <see cref="Quads"/> per round and about <c>s</c> seconds per round (blocks of s / 16);
/// rounds time every config in turn. After <c>r</c> rounds, rounds go on for the configs whose probe cost is not yet
/// read (its 95 % interval still straddles the goal and is wider than <c>w</c> points); no round starts after <c>b</c>
/// seconds from the start (on a loaded host, fewer than <c>r</c>: the intervals say so). Steps/s are the median round; the probes' cost is the median of the quads' paired samples, printed
/// with its 95 % confidence interval (docs/performance.md, "Probe cost").
/// With --torch (the oracle's bench.json, measured in the same session; comma-separated files give the better figure of
/// each), prints our steps/s over libtorch's. scripts/bench-vs-torch.sh alternates the two config by config.
/// With --cpu-time, steps per CPU-second of the process (every thread, to the nanosecond) instead of per wall second: on
/// a loaded host it leaves out the time other processes held the cores (it counts the workers' spinning as well).
/// With a large config in the run, each round also times the machine's GEMM peak (<see cref="GemmPeak{T}"/>) on the same
/// threads, and the targets table states each large config's GFLOP/s as a share of it (the median of the rounds' shares;
/// wall seconds, so not with --cpu-time).
/// </summary>
public static class EngineCommand
{
    /// <summary>(on, off, off, on) quads per config and round: each gives one sample of the probes' cost.</summary>
    private const int Quads = 4;

    /// <summary>The probes' cost aimed for (issue 17): at most 3 % of a bare step.</summary>
    private const double ProbeGoal = 0.03;

    /// <summary>The large configs whose step is stated as a share of the GEMM peak, with the share aimed for (null: stated only).</summary>
    private static readonly Dictionary<string, double?> PeakShareGoals = new()
    {
        ["mlp relu D8 W1024 B256"] = 0.85,
        ["mlp relu D20 W512 B128"] = null,
        ["mlp relu D50 W256 B64"] = null,
    };

    public static int Run(string[] args)
    {
        var json = Option(args, "--json");
        var only = Option(args, "--only");
        var threads = int.Parse(Option(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "0.5", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "7", CultureInfo.InvariantCulture);
        var budget = double.Parse(Option(args, "--budget") ?? "150", CultureInfo.InvariantCulture);
        var width = double.Parse(Option(args, "--width") ?? "1", CultureInfo.InvariantCulture) / 100;
        var precision = args.Contains("--float64") ? Precision.Float64 : Precision.Float32;
        var torch = Option(args, "--torch") is { } paths ? TorchRates(paths.Split(',')) : [];
        var sweep = args.Contains("--sweep");
        var cpuTime = args.Contains("--cpu-time");
        var configs = (sweep ? EngineConfig.Sweep : args.Contains("--norms") ? EngineConfig.Norms : EngineConfig.Matrix).Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();

        var clock = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        var cases = configs.Select(c => Case(c, precision, threads, cpuTime)).ToList();
        foreach (var run in cases) run.Calibrate(seconds, 4 * Quads);
        using IGemmPeak? peak = cpuTime || !configs.Any(c => PeakShareGoals.ContainsKey(c.Name)) ? null
            : precision == Precision.Float64 ? new GemmPeak<double>(threads, seconds / 8) : new GemmPeak<float>(threads, seconds / 8);
        for (var round = 0; ; round++)
        {
            var open = round < rounds ? cases : cases.Where(c => !c.Settled(Quads * rounds, ProbeGoal, width)).ToList();
            if (open.Count == 0 || (round > 0 && clock.Elapsed.TotalSeconds >= budget)) break;
            if (round < rounds) peak?.TimeRound();
            foreach (var run in open) run.TimeRound(Quads);
        }

        Console.WriteLine($"engine benchmark: {precision}, {threads} thread(s), {rounds}+ rounds in {clock.Elapsed.TotalSeconds:F0} s, load average {loadBefore} → {LoadAverage()}, median steps per {(cpuTime ? "CPU" : "wall")} second (probes on unless noted)");
        Console.WriteLine($"{"config",-28} {"steps/s",9} {"ms/step",8} {"GFLOP/s",8} {"bare/s",9} {"probes",7} {"95 % CI",15} {"n",4} {"alloc B",8} {"torch/s",8} {"ratio",6}");
        var rows = new List<object>();
        var targets = new List<TargetRow>();
        foreach (var on in cases)
        {
            var c = on.Config;
            var gflops = c.FlopsPerStep * on.Median / 1e9;
            var (cost, (low, high)) = (on.Cost, on.CostInterval);
            double? libtorch = torch.TryGetValue(c.Name, out var t) ? t : null;
            var ratio = libtorch is double lt ? on.Median / lt : double.NaN;
            Console.WriteLine($"{c.Name,-28} {on.Median,9:F1} {1000 / on.Median,8:F2} {gflops,8:F1} {on.BareMedian,9:F1} {cost,7:P1} {$"{low:P1} … {high:P1}",15} {on.Costs.Count,4} {on.AllocatedPerStep,8:F0} {libtorch,8:F1} {ratio,6:F2}");
            rows.Add(new
            {
                config = c.Name, stepsPerSecond = on.Median, gflops, mflopPerStep = c.FlopsPerStep / 1e6, bareStepsPerSecond = on.BareMedian,
                probeCost = cost, probeCostLow = low, probeCostHigh = high, probeCostSamples = on.Costs, allocatedBytesPerStep = on.AllocatedPerStep,
                libtorchStepsPerSecond = libtorch, ratioToLibtorch = double.IsNaN(ratio) ? (double?)null : ratio, rounds = on.Rounds, bareRounds = on.BareRounds,
            });
            targets.Add(new TargetRow("probe cost", c.Name, on.Median, "steps/s", "probes off", on.BareMedian, cost, "≤ 3 %", cost <= ProbeGoal));
            if (peak is not null && PeakShareGoals.TryGetValue(c.Name, out var goal)) targets.Add(PeakShare(on, peak, goal));
        }
        if (peak is not null) Console.WriteLine($"GEMM peak (best of 256³ and 1024³ × NN, NT, TN, TT per round): median {peak.Median:F1} GFLOP/s, rounds {string.Join(' ', peak.Rounds.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}");
        if (sweep) PrintSlopes(cases);
        if (json is not null)
            File.WriteAllText(json, JsonSerializer.Serialize(new { precision = precision.ToString(), threads, results = rows }, new JsonSerializerOptions { WriteIndented = true }));
        TargetTable.Report(args, targets);
        return 0;
    }

    /// <summary>The step's GFLOP/s (probes on) against the GEMM peak: the median over rounds of the two timed in the same round.</summary>
    private static TargetRow PeakShare(EngineRun on, IGemmPeak peak, double? goal)
    {
        var flops = on.Config.FlopsPerStep / 1e9;
        // Only the first --rounds rounds time the peak; the adaptive rounds after them pair with nothing.
        var shares = on.Rounds.Zip(peak.Rounds, (steps, best) => steps * flops / best).Order().ToList();
        var share = shares[shares.Count / 2];
        return new TargetRow("share of GEMM peak", on.Config.Name, on.Median * flops, "GFLOP/s", "GEMM peak", peak.Median, share,
            goal is double g ? $"≥ {g:P0}" : "stated", goal is not double least || share >= least);
    }

    /// <summary>Least-squares slopes of log(ms/step) against log(depth) and log(width): 1 means linear cost.</summary>
    private static void PrintSlopes(List<EngineRun> runs)
    {
        var depth = runs.Where(r => r.Config.Width == 256).ToList();
        var width = runs.Where(r => r.Config.Depth == 10).ToList();
        Console.WriteLine($"depth slope (W = 256): {Slope(depth.Select(r => ((double)r.Config.Depth, 1000 / r.Median))):F2}");
        Console.WriteLine($"width slope (D = 10):  {Slope(width.Select(r => ((double)r.Config.Width, 1000 / r.Median))):F2}");
    }

    private static double Slope(IEnumerable<(double X, double Y)> points)
    {
        var logs = points.Select(p => (X: Math.Log(p.X), Y: Math.Log(p.Y))).ToList();
        var (mx, my) = (logs.Average(p => p.X), logs.Average(p => p.Y));
        return logs.Sum(p => (p.X - mx) * (p.Y - my)) / logs.Sum(p => (p.X - mx) * (p.X - mx));
    }

    private static EngineRun Case(EngineConfig c, Precision precision, int threads, bool cpuTime) =>
        new(c, Trainer.Create(c.Spec(precision), c.Data(), new Rng(2), new Rng(3), threads), cpuTime);

    /// <summary>
    /// libtorch's steps/s per config from the oracle's bench.json files (the "norms" variant: every gradient norm read
    /// back); with several files (its 1- and 2-thread runs), the better figure per config.
    /// </summary>
    private static Dictionary<string, double> TorchRates(IEnumerable<string> paths)
    {
        var rates = new Dictionary<string, double>();
        foreach (var path in paths)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var r in doc.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("variant").GetString() == "norms"))
            {
                var (name, rate) = (r.GetProperty("name").GetString()!, r.GetProperty("steps_per_sec_median").GetDouble());
                rates[name] = Math.Max(rate, rates.GetValueOrDefault(name));
            }
        }
        return rates;
    }

    /// <summary>The host's 1-minute load average (/proc/loadavg), as printed beside every figure.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
