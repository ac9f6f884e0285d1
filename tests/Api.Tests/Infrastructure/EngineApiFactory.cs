namespace GradientService.Api.Tests.Infrastructure;

/// <summary>The real app with the engine's own trainer (end-to-end tests that train for real).</summary>
public sealed class EngineApiFactory : ApiFactory
{
    protected override bool UseScriptedTrainer => false;
}
