using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Workers;

/// <summary>The engine's own factory: model, data set and optimizer built from the spec's seed.</summary>
public sealed class EngineTrainerFactory : ITrainerFactory
{
    // INTERIM: becomes `Trainer.Create(spec, threads)` when the engine's factory lands on main.
    public Trainer Create(RunSpec spec, int threads) =>
        throw new NotSupportedException("The training engine (Trainer.Create) has not landed in this build yet.");
}
