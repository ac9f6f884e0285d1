using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GradientService.Bench.Service;

/// <summary>
/// A migrated store for the service benchmarks, and contexts over it as a request would get them: a SQLite file at
/// <paramref name="path"/>, or, when GRADIENT_TEST_POSTGRES names a PostgreSQL server (scripts/with-postgres.sh --durable),
/// a database of its own there.
/// </summary>
public sealed class ServiceDatabase(string path)
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("GRADIENT_TEST_POSTGRES");
    private readonly string _name = "bench_" + Guid.NewGuid().ToString("N");
    private StoreProvider? _store;

    public StorageOptions Storage { get; } = string.IsNullOrEmpty(Server)
        ? new() { DatabasePath = path }
        : new() { DatabasePath = path, Provider = StorageProvider.Postgres };

    private StoreProvider Store => _store ??= StoreProvider.For(Storage, NullLoggerFactory.Instance);

    public GradientDbContext Context() => Store.CreateContext();

    public ITelemetryWriter Writer() => Store.CreateWriter(5, TimeProvider.System);

    public void Migrate()
    {
        if (Storage.Provider == StorageProvider.Postgres)
        {
            Admin($"CREATE DATABASE \"{_name}\"");
            Storage.ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;
        }
        using var db = Context();
        Store.PrepareAsync(db, default).GetAwaiter().GetResult();
        db.Database.Migrate();
    }

    /// <summary>Bytes the store takes: the SQLite file (its WAL checkpointed into it), or PostgreSQL's tables with their indexes and TOAST.</summary>
    public long Bytes()
    {
        using var db = Context();
        if (Storage.Provider == StorageProvider.Sqlite)
        {
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE)");
            return new FileInfo(path).Length;
        }
        return db.Database.SqlQueryRaw<long>("""
            SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS "Value" FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'
            """).Single();
    }

    /// <summary>
    /// PostgreSQL only: VACUUM ANALYZE after the bulk load, the state autovacuum brings a store to within a minute or two
    /// (planner statistics: without them a just-filled runs table is sorted in full for a page; the visibility map: index-only counts).
    /// </summary>
    public void Settle()
    {
        if (Storage.Provider != StorageProvider.Postgres) return;
        using var db = Context();
        db.Database.ExecuteSqlRaw("VACUUM ANALYZE");
    }

    /// <summary>PostgreSQL only: each table's bytes with its indexes and TOAST, largest first.</summary>
    public List<(string Table, long Bytes)> TableBytes()
    {
        if (Storage.Provider != StorageProvider.Postgres) return [];
        using var db = Context();
        return [.. db.Database.SqlQueryRaw<TableSize>("""
            SELECT c.relname AS "Table", pg_total_relation_size(c.oid) AS "Bytes" FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC
            """).AsEnumerable().Select(t => (t.Table, t.Bytes))];
    }

    private sealed record TableSize(string Table, long Bytes);

    /// <summary>The layer chunks' blobs alone (the same bytes on either store).</summary>
    public long ChunkBytes()
    {
        using var db = Context();
        return db.LayerChunks.Sum(c => (long)c.Data.Length);
    }

    /// <summary>Drops the PostgreSQL database (the SQLite file goes with <see cref="Delete"/>).</summary>
    public void Drop()
    {
        if (Storage.Provider != StorageProvider.Postgres) return;
        (_store as IDisposable)?.Dispose();
        Admin($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public RunRecord AddRun(string name, int steps, int layers)
    {
        using var db = Context();
        var run = new RunRecord
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            SpecJson = "{}",
            Architecture = "mlp",
            Activation = "sigmoid",
            Init = "standard",
            Depth = layers - 1,
            TotalSteps = steps,
            LayerCount = layers,
            Status = RunStatus.Running,
            CreatedAt = DateTime.UtcNow,
        };
        db.Runs.Add(run);
        db.SaveChanges();
        return run;
    }

    public static string Temporary()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gradientservice-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "bench.db");
    }

    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(path)!, recursive: true); } catch (IOException) { /* temp space */ }
    }
}
