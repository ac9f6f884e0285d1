using System.Collections.Concurrent;
using GradientService.Api.Workers;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Bench.Service;

/// <summary>The service's trainer factory in the telemetry benchmark: the engine's trainers, each one <see cref="TimedTrainer"/>.</summary>
public sealed class TimedEngineFactory : ITrainerFactory
{
    private readonly ConcurrentQueue<TimedRun> _next = new();

    /// <summary>Threads the service gave the last trainer it built (must equal the bare side's).</summary>
    public int LastThreads { get; private set; }

    /// <summary>The timing of the next run the service builds a trainer for.</summary>
    public TimedRun Expect()
    {
        var run = new TimedRun();
        _next.Enqueue(run);
        return run;
    }

    public Trainer Create(RunSpec spec, int threads)
    {
        LastThreads = threads;
        var trainer = Trainer.Create(spec, threads);
        return _next.TryDequeue(out var timing) ? new TimedTrainer(trainer, timing) : trainer;
    }
}
