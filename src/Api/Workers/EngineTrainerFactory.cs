using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Workers;

/// <summary>The engine's own factory: model, data set and optimizer built from the spec's seed.</summary>
public sealed class EngineTrainerFactory : ITrainerFactory
{
    public Trainer Create(RunSpec spec, int threads) => Trainer.Create(spec, threads);
}
