using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GradientService.Core.Tensors;

namespace GradientService.Bench.Kernels;

/// <summary>
/// <c>gemm</c>: MatrixProduct throughput, GFLOP/s = 2mnk / time, the median of several timed repeats after
/// a warm-up (the oracle's <c>gemm</c> method), per shape × transpose pair × precision, with the bytes
/// allocated per call. Square n³ shapes by default plus the skinny products of a training step.
/// </summary>
internal static class GemmCommand
{
    public const string Help = """
        gemm options:
          --sizes 64,256,1024        square n×n×n products
          --shapes 32x128x512,...    extra m×k×n products (default: training-step shapes; 'none' for none)
          --ops NN,NT,TN,TT          transpose pairs: N = as stored, T = transposed (A then B)
          --precision float,double
          --threads 2                the product's thread budget
          --seconds 0.3              length of one timed repeat
          --repeats 5
          --json FILE                also write the rows as JSON
          --cpu-time true            GFLOP per CPU-second of the process instead of per wall second (with --threads 1,
                                     a fair comparison of kernels on a busy host)
        """;

    private static readonly string[] TrainingShapes = ["32x128x512", "32x512x128", "128x32x512", "64x256x256", "256x1024x1024"];

    public static int Run(string[] args)
    {
        var options = GemmOptions.Parse(args);
        Console.WriteLine($"# gemm  {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
            $"Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, threads {options.Threads}, per {(options.CpuTime ? "CPU" : "wall")} second, {LoadAverage()}");
        Console.WriteLine("| m×k×n | op | precision | GFLOP/s median | min | max | bytes/call |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        var rows = new List<GemmRow>();
        foreach (var (m, k, n) in options.Shapes)
            foreach (var op in options.Ops)
                foreach (var precision in options.Precisions)
                {
                    var row = precision == "double"
                        ? Measure<double>(m, k, n, op, options)
                        : Measure<float>(m, k, n, op, options);
                    rows.Add(row);
                    Console.WriteLine(FormattableString.Invariant(
                        $"| {m}×{k}×{n} | {op} | {precision} | {row.GflopsMedian:F1} | {row.GflopsMin:F1} | {row.GflopsMax:F1} | {row.BytesPerCall} |"));
                }
        if (options.Json is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    /// <summary>The machine's load when the run starts: a shared host's neighbours move these numbers.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "load average unknown";

    private static GemmRow Measure<T>(int m, int k, int n, string op, GemmOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = new GemmCase<T>(m, k, n, op[0] == 'T', op[1] == 'T');
        using var product = new MatrixProduct<T>(options.Threads);
        var sw = Stopwatch.StartNew();
        var warm = 0;
        while (warm < 3 || sw.Elapsed.TotalSeconds < Math.Max(0.2, options.Seconds)) { g.Run(product); warm++; }
        var calls = (int)Math.Clamp(Math.Ceiling(options.Seconds / (sw.Elapsed.TotalSeconds / warm)), 1, 10_000_000);
        var bytes = 0L;
        var rates = new double[options.Repeats];
        for (var r = 0; r < rates.Length; r++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            sw.Restart();
            for (var i = 0; i < calls; i++) g.Run(product);
            sw.Stop();
            bytes += GC.GetTotalAllocatedBytes(precise: true) - before;
            var seconds = options.CpuTime ? (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds : sw.Elapsed.TotalSeconds;
            rates[r] = g.Flops * calls / seconds / 1e9;
        }
        bytes /= (long)calls * rates.Length;
        Array.Sort(rates);
        return new GemmRow($"{m}x{k}x{n}", op, typeof(T) == typeof(float) ? "float" : "double", options.Threads,
            rates[rates.Length / 2], rates[0], rates[^1], calls, rates.Length, bytes);
    }

    private sealed record GemmOptions(List<(int M, int K, int N)> Shapes, string[] Ops, string[] Precisions, int Threads, double Seconds, int Repeats, string? Json, bool CpuTime)
    {
        public static GemmOptions Parse(string[] args)
        {
            var map = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'\n{Help}");
                map[args[i][2..]] = args[i + 1];
            }
            if (args.Length % 2 != 0) throw new ArgumentException($"option '{args[^1]}' needs a value\n{Help}");
            string Get(string key, string fallback) => map.GetValueOrDefault(key, fallback);
            static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
            var shapes = Get("sizes", "64,256,1024").Split(',').Select(Int).Select(s => (s, s, s)).ToList();
            var extra = Get("shapes", string.Join(',', TrainingShapes));
            if (extra != "none")
                shapes.AddRange(extra.Split(',').Select(s => s.Split('x').Select(Int).ToArray()).Select(d => (d[0], d[1], d[2])));
            return new GemmOptions(shapes, Get("ops", "NN,NT,TN,TT").Split(','), Get("precision", "float,double").Split(','),
                Int(Get("threads", "2")), double.Parse(Get("seconds", "0.3"), CultureInfo.InvariantCulture), Int(Get("repeats", "5")),
                map.GetValueOrDefault("json"), Get("cpu-time", "false") == "true");
        }
    }
}

/// <summary>One measured product: GFLOP/s over <see cref="Repeats"/> repeats of <see cref="Calls"/> calls.</summary>
internal sealed record GemmRow(string Shape, string Op, string Precision, int Threads, double GflopsMedian, double GflopsMin, double GflopsMax,
    int Calls, int Repeats, long BytesPerCall);
