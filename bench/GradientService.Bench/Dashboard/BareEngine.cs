using System.Diagnostics;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Bench.Dashboard;

/// <summary>
/// The render benchmark's reference: the watched run's own spec trained bare (no service, no browser) in this process,
/// right before the run is submitted, so both figures see the same state of the host.
/// </summary>
public static class BareEngine
{
    /// <summary>Steps per second over <paramref name="seconds"/>, after a second of warm-up (the tiered JIT's hot loops).</summary>
    public static double StepsPerSecond(RunSpec spec, int threads, double seconds = 3)
    {
        using var trainer = Trainer.Create(spec with { Training = spec.Training with { Steps = int.MaxValue } }, threads);
        Steps(trainer, TimeSpan.FromSeconds(1));
        var (done, elapsed) = Steps(trainer, TimeSpan.FromSeconds(seconds));
        return done / elapsed.TotalSeconds;
    }

    private static (int Done, TimeSpan Elapsed) Steps(Trainer trainer, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var done = 0;
        trainer.Run(_ => { if (++done % 64 == 0 && watch.Elapsed >= duration) stop.Cancel(); }, stop.Token);
        return (done, watch.Elapsed);
    }
}
