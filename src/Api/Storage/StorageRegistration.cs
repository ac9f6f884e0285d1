using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The store chosen by Storage:Provider (<see cref="StoreProvider"/>), migrated at start (the migrator is the first hosted
    /// service), and the recorder's writer into it.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => StoreProvider.For(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddScoped(sp => sp.GetRequiredService<StoreProvider>().CreateContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.AddScoped<RunStore>();
        services.AddScoped<SeriesStore>();
        services.AddSingleton<Func<ITelemetryWriter>>(sp => () => sp.GetRequiredService<StoreProvider>()
            .CreateWriter(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.CheckpointsKept, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
