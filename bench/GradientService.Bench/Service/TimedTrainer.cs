using System.Diagnostics;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Bench.Service;

/// <summary>
/// The engine's trainer as the service drives it, started only when the benchmark says so (its hub clients are
/// subscribed) and timed over <see cref="Run"/> alone: the same span the bare measurement times, so building the model
/// and the run's last flush, fixed costs of any run, are left out on both sides.
/// </summary>
public sealed class TimedTrainer(Trainer inner, TimedRun timing) : Trainer
{
    public override RunSpec Spec => inner.Spec;

    public override ModelInfo Model => inner.Model;

    public override int StepsDone => inner.StepsDone;

    public override TrainingResult Run(Action<StepRecord> onStep, CancellationToken cancel = default)
    {
        timing.WaitForGo(cancel);
        var (started, cpu, threads, gc) = (Stopwatch.GetTimestamp(), ProcessCpu.Now(), ThreadCpu.Snapshot(), GcPauses.Mark());
        var before = inner.StepsDone;
        var result = inner.Run(onStep, cancel);
        var steps = inner.StepsDone - before;
        var (training, other, byName) = ThreadCpu.Between(threads, ThreadCpu.Snapshot());
        var elapsed = Stopwatch.GetElapsedTime(started);
        timing.Done(new Rate(steps / elapsed.TotalSeconds, (ProcessCpu.Now() - cpu).TotalMilliseconds / steps, GcPauses.Since(gc, elapsed),
            training / steps, other / steps, byName));
        return result;
    }

    public override void SaveCheckpoint(Stream destination) => inner.SaveCheckpoint(destination);

    public override void LoadCheckpoint(Stream source) => inner.LoadCheckpoint(source);

    public override void ExportWeights(Stream destination) => inner.ExportWeights(destination);

    public override void ImportWeights(Stream source) => inner.ImportWeights(source);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>One timed run through the service: <see cref="Go"/> lets it start; <see cref="Result"/> is its rate.</summary>
public sealed class TimedRun
{
    private readonly ManualResetEventSlim _go = new(false);
    private readonly TaskCompletionSource<Rate> _rate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Rate> Result => _rate.Task;

    public void Go() => _go.Set();

    internal void WaitForGo(CancellationToken cancel) => _go.Wait(cancel);

    internal void Done(Rate rate) => _rate.TrySetResult(rate);
}

/// <summary>
/// Wall-clock steps per second; the whole process's CPU milliseconds per step; the share of the wall time the garbage
/// collector held every managed thread (the training threads too); through the service, the CPU split into the training
/// threads' and the other threads' (recorder, broadcaster, Kestrel, SignalR), and the hub clients' process's (<see cref="HubClients"/>).
/// </summary>
public readonly record struct Rate(double StepsPerSecond, double CpuMsPerStep, GcPauses Gc, double TrainingCpuMsPerStep = double.NaN,
    double OtherCpuMsPerStep = double.NaN, IReadOnlyDictionary<string, double>? OtherCpuMsByThread = null, double ClientsCpuMsPerStep = double.NaN);

/// <summary>
/// Collections (gen 0 and up, gen 2 among them), the share of the wall time the collector paused the process, and the
/// bytes the process allocated, over a span.
/// </summary>
public readonly record struct GcPauses(int Collections, int Gen2, double PauseShare, long Allocated)
{
    /// <summary>Where a span starts.</summary>
    public static (int Collections, int Gen2, TimeSpan Paused, long Allocated) Mark() =>
        (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    /// <summary>From <paramref name="mark"/> to now, <paramref name="elapsed"/> of wall time.</summary>
    public static GcPauses Since((int Collections, int Gen2, TimeSpan Paused, long Allocated) mark, TimeSpan elapsed) =>
        new(GC.CollectionCount(0) - mark.Collections, GC.CollectionCount(2) - mark.Gen2, (GC.GetTotalPauseDuration() - mark.Paused) / elapsed,
            GC.GetTotalAllocatedBytes() - mark.Allocated);
}

/// <summary>CPU time of this process so far (all threads).</summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
