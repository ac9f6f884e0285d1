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
        var (started, cpu, threads) = (Stopwatch.GetTimestamp(), ProcessCpu.Now(), ThreadCpu.Snapshot());
        var before = inner.StepsDone;
        var result = inner.Run(onStep, cancel);
        var steps = inner.StepsDone - before;
        var (training, other, byName) = ThreadCpu.Between(threads, ThreadCpu.Snapshot());
        timing.Done(new Rate(steps / Stopwatch.GetElapsedTime(started).TotalSeconds, (ProcessCpu.Now() - cpu).TotalMilliseconds / steps,
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
/// Wall-clock steps per second; the whole process's CPU milliseconds per step; through the service, that CPU split into
/// the training threads' and the other threads' (recorder, broadcaster, Kestrel, SignalR, the benchmark's clients).
/// </summary>
public readonly record struct Rate(double StepsPerSecond, double CpuMsPerStep, double TrainingCpuMsPerStep = double.NaN, double OtherCpuMsPerStep = double.NaN,
    IReadOnlyDictionary<string, double>? OtherCpuMsByThread = null);

/// <summary>CPU time of this process so far (all threads).</summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
