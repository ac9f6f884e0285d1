using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Api.Workers;

/// <summary>Builds the engine's trainer for a spec. The engine's factory in production; tests substitute scripted trainers.</summary>
public interface ITrainerFactory
{
    Trainer Create(RunSpec spec, int threads);
}
