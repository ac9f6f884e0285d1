using System.Diagnostics;
using System.Numerics;
using GradientService.Core.Tensors;

namespace GradientService.Bench.Kernels;

/// <summary>
/// The machine's measured float peak for the engine benchmark's "share of GEMM peak" rows: the gemm command's square
/// products (256³ and 1024³, each transpose pair) on the engine's thread budget, each timed once per round beside the
/// configs; a round's peak is its best case, so a round's share compares the step with the products of the same moment.
/// </summary>
internal sealed class GemmPeak<T> : IGemmPeak where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly int[] Sizes = [256, 1024];
    private static readonly string[] Ops = ["NN", "NT", "TN", "TT"];

    private readonly MatrixProduct<T> _product;
    private readonly (GemmCase<T> Case, int Calls)[] _cases;

    public GemmPeak(int threads, double seconds)
    {
        _product = new MatrixProduct<T>(threads);
        _cases = [.. Sizes.SelectMany(n => Ops.Select(op => new GemmCase<T>(n, n, n, op[0] == 'T', op[1] == 'T')))
            .Select(c => (c, Calibrate(c, seconds)))];
    }

    /// <summary>Each round's best case, GFLOP/s.</summary>
    public List<double> Rounds { get; } = [];

    public double Median => Rounds.Order().ElementAt(Rounds.Count / 2);

    public void TimeRound()
    {
        var best = 0.0;
        foreach (var (c, calls) in _cases)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++) c.Run(_product);
            best = Math.Max(best, c.Flops * calls / watch.Elapsed.TotalSeconds / 1e9);
        }
        Rounds.Add(best);
    }

    public void Dispose() => _product.Dispose();

    /// <summary>Warm-up (tiered JIT), then the calls that fill about <paramref name="seconds"/>.</summary>
    private int Calibrate(GemmCase<T> c, double seconds)
    {
        for (var i = 0; i < 3; i++) c.Run(_product);
        var watch = Stopwatch.StartNew();
        var calls = 0;
        while (watch.Elapsed.TotalSeconds < seconds) { c.Run(_product); calls++; }
        return Math.Max(1, calls);
    }
}

/// <summary>A <see cref="GemmPeak{T}"/> of either precision.</summary>
internal interface IGemmPeak : IDisposable
{
    List<double> Rounds { get; }

    double Median { get; }

    void TimeRound();
}
