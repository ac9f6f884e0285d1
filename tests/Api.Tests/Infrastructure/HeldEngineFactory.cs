using System.Collections.Concurrent;
using GradientService.Api.Workers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>The engine's own trainers; a run the test armed by name is held at a step; the thread count each run was given is kept.</summary>
public sealed class HeldEngineFactory : ITrainerFactory
{
    private readonly ConcurrentDictionary<string, (int Step, StepGate Gate)> _holds = new();

    /// <summary>Every trainer built, in order: the run's name and the threads the service gave it.</summary>
    public ConcurrentQueue<(string? Name, int Threads)> Created { get; } = new();

    /// <summary>The next run named <paramref name="runName"/> waits after computing <paramref name="step"/> until the gate opens.</summary>
    public StepGate Hold(string runName, int step)
    {
        var gate = new StepGate();
        _holds[runName] = (step, gate);
        return gate;
    }

    public Trainer Create(RunSpec spec, int threads)
    {
        Created.Enqueue((spec.Name, threads));
        var trainer = Trainer.Create(spec, threads);
        return spec.Name is { } name && _holds.TryRemove(name, out var hold) ? new HeldTrainer(trainer, hold.Step, hold.Gate) : trainer;
    }
}
