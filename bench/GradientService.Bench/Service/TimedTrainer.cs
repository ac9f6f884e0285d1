using System.Diagnostics;
using GradientService.Core.Probes;
using GradientService.Core.Spec;
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
        var started = Stopwatch.GetTimestamp();
        var before = inner.StepsDone;
        var result = inner.Run(onStep, cancel);
        timing.Done((inner.StepsDone - before) / Stopwatch.GetElapsedTime(started).TotalSeconds);
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

/// <summary>One timed run through the service: <see cref="Go"/> lets it start; <see cref="StepsPerSecond"/> is its rate.</summary>
public sealed class TimedRun
{
    private readonly ManualResetEventSlim _go = new(false);
    private readonly TaskCompletionSource<double> _rate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<double> StepsPerSecond => _rate.Task;

    public void Go() => _go.Set();

    internal void WaitForGo(CancellationToken cancel) => _go.Wait(cancel);

    internal void Done(double stepsPerSecond) => _rate.TrySetResult(stepsPerSecond);
}
