using GradientService.Api.Options;
using GradientService.Api.Storage.Postgres;
using GradientService.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GradientService.Api.Storage;

/// <summary>
/// The scaled store: a PostgreSQL database (Npgsql's EF Core provider), migrations in Storage/Postgres/Migrations under
/// <see cref="PostgresDbContext"/>. One data source (connection pool) per process, shared by the contexts and the recorder.
/// </summary>
public sealed class PostgresStoreProvider(StorageOptions storage, ILoggerFactory loggers) : StoreProvider(storage, loggers), IDisposable
{
    private readonly NpgsqlDataSource _source = new NpgsqlDataSourceBuilder(storage.ConnectionString).UseLoggerFactory(loggers).Build();

    public override ITelemetryWriter CreateWriter(int checkpointsKept, TimeProvider clock) => new PostgresTelemetryWriter(_source, checkpointsKept, clock);

    protected override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => Use(options, _source);

    /// <summary>The PostgreSQL options of every context (the design-time factory's and the benchmarks' too).</summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, NpgsqlDataSource source) => options.UseNpgsql(source).AddInterceptors(RowLocks.Instance);

    protected override GradientDbContext CreateContext(DbContextOptions options) => new PostgresDbContext(options);

    public void Dispose() => _source.Dispose();
}
