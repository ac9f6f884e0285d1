using System.Diagnostics;
using GradientService.Core.Training;

namespace GradientService.Bench.Engine;

/// <summary>One benchmark case: a trainer stepped in timed rounds; records steps/s per round and bytes allocated per step.</summary>
internal sealed class EngineRun(EngineConfig config, Trainer trainer, bool cpuTime)
{
    private int _stepsPerRound = 1;

    public EngineConfig Config => config;
    public List<double> Rounds { get; } = [];
    public double Median => Rounds.Order().ElementAt(Rounds.Count / 2);
    public double AllocatedPerStep { get; private set; }

    /// <summary>Warm-up (tiered JIT), then as many steps as fill about <paramref name="seconds"/>.</summary>
    public void Calibrate(double seconds)
    {
        Steps(5);
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed.TotalSeconds < Math.Min(1.0, seconds))
        {
            Steps(1);
            n++;
        }
        _stepsPerRound = Math.Max(2, (int)(n * seconds / watch.Elapsed.TotalSeconds));
    }

    public void TimeRound()
    {
        var before = GC.GetTotalAllocatedBytes(true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Steps(_stepsPerRound);
        watch.Stop();
        AllocatedPerStep = (GC.GetTotalAllocatedBytes(true) - before) / (double)_stepsPerRound;
        var seconds = cpuTime ? (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds : watch.Elapsed.TotalSeconds;
        Rounds.Add(_stepsPerRound / seconds);
    }

    /// <summary>Steps the trainer <paramref name="count"/> times (Run stops at the cancellation; its own objects are per call, not per step).</summary>
    private void Steps(int count)
    {
        using var stop = new CancellationTokenSource();
        var done = 0;
        trainer.Run(_ => { if (++done == count) stop.Cancel(); }, stop.Token);
    }
}
