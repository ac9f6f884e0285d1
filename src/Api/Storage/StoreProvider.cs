using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>
/// Everything the store's engine decides, in one place: how contexts connect (and which migration set applies), what runs
/// before the migrations, and the recorder's writer. The rest of the service (RunStore, SeriesStore, the queries) is
/// EF Core and the same on both engines. Chosen by <see cref="StorageOptions.Provider"/>.
/// </summary>
public abstract class StoreProvider(StorageOptions storage, ILoggerFactory loggers)
{
    private DbContextOptions? _options;

    public StorageOptions Storage { get; } = storage;

    public static StoreProvider For(StorageOptions storage, ILoggerFactory loggers) => storage.Provider switch
    {
        StorageProvider.Postgres => new PostgresStoreProvider(storage, loggers),
        _ => new SqliteStoreProvider(storage, loggers),
    };

    /// <summary>A context on the store (a request's, a worker's): <see cref="GradientDbContext"/> or the engine's subclass.</summary>
    public GradientDbContext CreateContext() => CreateContext(_options ??= Configure(new DbContextOptionsBuilder().UseLoggerFactory(loggers)).Options);

    /// <summary>The recorder's writer (one per recorder thread; raw SQL tuned for the engine).</summary>
    public abstract ITelemetryWriter CreateWriter(int checkpointsKept, TimeProvider clock);

    /// <summary>Runs before the migrations on every start (file-level settings).</summary>
    public virtual Task PrepareAsync(GradientDbContext db, CancellationToken cancel) => Task.CompletedTask;

    protected abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options);

    protected abstract GradientDbContext CreateContext(DbContextOptions options);
}
