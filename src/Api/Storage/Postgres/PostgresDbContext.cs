using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage.Postgres;

/// <summary>
/// <see cref="GradientDbContext"/> on PostgreSQL: the same model, its own migration set (Storage/Postgres/Migrations names
/// this type; EF Core's documented way to keep migrations per provider), and the two statements that differ.
/// </summary>
public sealed class PostgresDbContext(DbContextOptions options) : GradientDbContext(options)
{
    /// <summary>The advisory lock key of the run queue (any constant; "queue" in ASCII).</summary>
    private const long QueueLock = 0x7175657565;

    /// <summary>
    /// Layer chunks (~2 KB) and rollups (a few KB) stay inside their heap pages, uncompressed: above the default 2 KB
    /// target PostgreSQL would try to compress each row (doubles barely compress) and move it to the TOAST table, an
    /// extra insert and index entry per row (https://www.postgresql.org/docs/15/storage-toast.html).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<LayerChunk>().HasStorageParameter("toast_tuple_target", 8160);
        modelBuilder.Entity<LayerRollup>().HasStorageParameter("toast_tuple_target", 8160);
        modelBuilder.Entity<StepRollup>().HasStorageParameter("toast_tuple_target", 8160);
    }

    public override Task LockQueueAsync(CancellationToken cancel) =>
        Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({QueueLock})", cancel);

    /// <summary>ILIKE: PostgreSQL's LIKE is case-sensitive, SQLite's is not (for ASCII letters).</summary>
    public override IQueryable<RunRecord> NameOrPresetLike(IQueryable<RunRecord> runs, string pattern) =>
        runs.Where(r => EF.Functions.ILike(r.Name!, pattern, "\\") || EF.Functions.ILike(r.Preset!, pattern, "\\"));
}
