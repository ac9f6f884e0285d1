using GradientService.Api.Options;

namespace GradientService.Api.Workers;

public static class WorkerRegistration
{
    /// <summary>The queue doorbell, the run executor (scoped: one scope per run) and, unless <see cref="WorkerOptions.Enabled"/> is off, the worker slots.</summary>
    public static IServiceCollection AddWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<ActiveRuns>();
        services.AddSingleton<LeaseKeeper>();
        services.AddSingleton<ITrainerFactory, EngineTrainerFactory>();
        services.AddScoped<RunExecutor>();
        services.AddScoped<RunSubmission>();
        // Registered after the recorder: hosted services stop in reverse order, so runs drain before the recorder stops.
        if (configuration.GetSection(WorkerOptions.Section).GetValue(nameof(WorkerOptions.Enabled), true)) services.AddHostedService<TrainingWorker>();
        return services;
    }
}
