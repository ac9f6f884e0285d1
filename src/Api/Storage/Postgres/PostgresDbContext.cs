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

    public override Task LockQueueAsync(CancellationToken cancel) =>
        Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({QueueLock})", cancel);

    /// <summary>ILIKE: PostgreSQL's LIKE is case-sensitive, SQLite's is not (for ASCII letters).</summary>
    public override IQueryable<RunRecord> NameOrPresetLike(IQueryable<RunRecord> runs, string pattern) =>
        runs.Where(r => EF.Functions.ILike(r.Name!, pattern, "\\") || EF.Functions.ILike(r.Preset!, pattern, "\\"));
}
