using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Storage;

public static class StorageRegistration
{
    /// <summary>The SQLite store, migrated at start (the migrator is the first hosted service), and the recorder's writer into it.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<GradientDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var folder = Path.GetDirectoryName(Path.GetFullPath(storage.DatabasePath));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            options.UseSqlite(storage.ConnectionString)
                .AddInterceptors(new SqlitePragmas())
                .ReplaceService<IMigrationsSqlGenerator, ClusteredTableSqlGenerator>();
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.AddScoped<RunStore>();
        services.AddScoped<SeriesStore>();
        services.AddSingleton<Func<ITelemetryWriter>>(sp => () => new SqliteTelemetryWriter(sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.CheckpointsKept, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
