using System.Diagnostics;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>
/// One benchmark case: a config's trainer stepped in short timed blocks, its probes switched on and off between blocks
/// (the same trainer, so both kinds of block run on the same buffers and weights). A round is <c>quads</c> × (on, off,
/// off, on): each quad gives one paired sample of the probes' cost, (t_on + t_on′) / (t_off + t_off′) − 1, from blocks
/// timed within a few hundred milliseconds of each other, so a slow spell of the host (or a drift) weighs on both sides
/// alike. Records steps/s per round of each kind, the cost samples, and bytes allocated per probed step.
/// </summary>
internal sealed class EngineRun(EngineConfig config, Trainer trainer, bool cpuTime)
{
    private int _stepsPerBlock = 1;

    public EngineConfig Config => config;

    /// <summary>Steps/s with every probe on, one per round.</summary>
    public List<double> Rounds { get; } = [];

    /// <summary>Steps/s with the probes off, one per round.</summary>
    public List<double> BareRounds { get; } = [];

    /// <summary>The probes' cost as a share of a bare step, one sample per (on, off, off, on) quad.</summary>
    public List<double> Costs { get; } = [];

    public double Median => MedianOf(Rounds);
    public double BareMedian => MedianOf(BareRounds);
    public double Cost => MedianOf(Costs);
    public double AllocatedPerStep { get; private set; }

    /// <summary>
    /// A 95 % confidence interval of <see cref="Cost"/>'s median from the order statistics of its samples (distribution-free:
    /// ranks n/2 ∓ 0.98·√n): a goal is met firmly when the whole interval is on its side.
    /// </summary>
    public (double Low, double High) CostInterval
    {
        get
        {
            var sorted = Costs.Order().ToList();
            var half = 0.98 * Math.Sqrt(sorted.Count);
            var low = (int)Math.Floor(sorted.Count / 2.0 - half);
            var high = (int)Math.Ceiling(sorted.Count / 2.0 + half) - 1;
            return (sorted[Math.Max(0, low)], sorted[Math.Min(sorted.Count - 1, high)]);
        }
    }

    /// <summary>
    /// Whether the cost is read: at least <paramref name="least"/> samples and an interval wholly on one side of
    /// <paramref name="goal"/> (a firm verdict) or no wider than <paramref name="width"/>.
    /// </summary>
    public bool Settled(int least, double goal, double width)
    {
        if (Costs.Count < least) return false;
        var (low, high) = CostInterval;
        return low > goal || high <= goal || high - low <= width;
    }

    /// <summary>Warm-up of both kinds of step (tiered JIT), then as many steps per block as fill about <paramref name="seconds"/> / <paramref name="blocks"/>.</summary>
    public void Calibrate(double seconds, int blocks)
    {
        foreach (var probes in new[] { false, true })
        {
            trainer.ProbesEnabled = probes;
            Steps(5);
        }
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed.TotalSeconds < Math.Min(1.0, seconds))
        {
            Steps(1);
            n++;
        }
        _stepsPerBlock = Math.Max(2, (int)(n * seconds / watch.Elapsed.TotalSeconds / blocks));
    }

    /// <summary>One round: <paramref name="quads"/> × (on, off, off, on) blocks.</summary>
    public void TimeRound(int quads)
    {
        double on = 0, off = 0;
        for (var q = 0; q < quads; q++)
        {
            var (a, b, c, d) = (Block(true), Block(false), Block(false), Block(true));
            Costs.Add((a + d) / (b + c) - 1);
            (on, off) = (on + a + d, off + b + c);
        }
        Rounds.Add(2 * quads * _stepsPerBlock / on);
        BareRounds.Add(2 * quads * _stepsPerBlock / off);
    }

    /// <summary>Seconds (wall, or CPU of the process) of one block of steps with the probes on or off.</summary>
    private double Block(bool probes)
    {
        trainer.ProbesEnabled = probes;
        var allocated = GC.GetTotalAllocatedBytes(true);
        var start = Clock();
        Steps(_stepsPerBlock);
        var seconds = Clock() - start;
        if (probes) AllocatedPerStep = (GC.GetTotalAllocatedBytes(true) - allocated) / (double)_stepsPerBlock;
        return seconds;
    }

    private double Clock() => cpuTime ? ProcessCpu.Seconds() : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static double MedianOf(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Steps the trainer <paramref name="count"/> times (Run stops at the cancellation; its own objects are per call, not per step).</summary>
    private void Steps(int count)
    {
        using var stop = new CancellationTokenSource();
        var done = 0;
        trainer.Run(_ => { if (++done == count) stop.Cancel(); }, stop.Token);
    }
}
