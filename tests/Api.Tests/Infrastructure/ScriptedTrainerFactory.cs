using GradientService.Api.Workers;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>Builds <see cref="ScriptedTrainer"/>s and holds what the test planted: a spike, a divergence, a step to hold at.</summary>
public sealed class ScriptedTrainerFactory : ITrainerFactory
{
    private readonly ManualResetEventSlim _release = new(false);
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int SpikeAt { get; set; } = -1;

    public double SpikeValue { get; set; } = 1e6;

    public int DivergeAt { get; set; } = -1;

    /// <summary>Trainers stop before this step until <see cref="Release"/> (or until cancelled).</summary>
    public int HoldAt { get; set; } = -1;

    public Trainer Create(RunSpec spec, int threads) => new ScriptedTrainer(spec, this);

    /// <summary>Completes when a trainer reached <see cref="HoldAt"/>.</summary>
    public Task Held => _held.Task;

    public void Release() => _release.Set();

    /// <summary>Re-arms the hold (for the next run).</summary>
    public void Rearm(int holdAt)
    {
        _release.Reset();
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldAt = holdAt;
    }

    /// <summary>Called on the training thread: true to go on, false when cancelled while held.</summary>
    internal bool Hold(CancellationToken cancel)
    {
        _held.TrySetResult();
        try
        {
            _release.Wait(cancel);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
