using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GradientService.Api.Storage;

/// <summary>The embedded store: one SQLite file (WAL, clustered tables), migrations in Storage/Migrations.</summary>
public sealed class SqliteStoreProvider(StorageOptions storage, ILoggerFactory loggers) : StoreProvider(storage, loggers)
{
    public override ITelemetryWriter CreateWriter(int checkpointsKept, TimeProvider clock) => new SqliteTelemetryWriter(Storage, checkpointsKept, clock);

    public override Task PrepareAsync(GradientDbContext db, CancellationToken cancel) => db.Database.ExecuteSqlRawAsync(DatabaseFile.Pragmas, cancel);

    protected override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(Storage.DatabasePath));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        return Use(options, Storage.SqliteConnectionString);
    }

    /// <summary>The SQLite options of every context on the file (the design-time factory's and the benchmarks' too).</summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString)
        .AddInterceptors(new SqlitePragmas())
        .ReplaceService<IMigrationsSqlGenerator, ClusteredTableSqlGenerator>();

    protected override GradientDbContext CreateContext(DbContextOptions options) => new(options);
}
