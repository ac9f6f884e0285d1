using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GradientService.Api.Storage;

/// <summary>
/// The run store: runs, their recorded steps, layer samples, rollups, events, episodes and checkpoints; sweeps. This type is
/// SQLite's context (its migrations name it); PostgreSQL's is <see cref="Postgres.PostgresDbContext"/>, the same model.
/// </summary>
public class GradientDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>
    /// Tables read as ranges of their composite key, with rows small enough to stay inside a page: clustered on the key
    /// (SQLite WITHOUT ROWID). Rollups and checkpoints carry large blobs and stay ordinary rowid tables.
    /// </summary>
    public static readonly IReadOnlySet<string> ClusteredTables = new HashSet<string> { "Steps", "LayerChunks" };

    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<StepRow> Steps => Set<StepRow>();

    public DbSet<LayerChunk> LayerChunks => Set<LayerChunk>();

    public DbSet<LayerRollup> LayerRollups => Set<LayerRollup>();

    public DbSet<StepRollup> StepRollups => Set<StepRollup>();

    public DbSet<RecurrentSample> RecurrentSamples => Set<RecurrentSample>();
    public DbSet<OutputDepthSample> OutputDepthSamples => Set<OutputDepthSample>();

    public DbSet<EventRow> Events => Set<EventRow>();

    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();

    public DbSet<EpisodeRow> Episodes => Set<EpisodeRow>();

    public DbSet<SweepRecord> Sweeps => Set<SweepRecord>();

    /// <summary>substr(bytes, start from 1, length), the same built-in function on SQLite and PostgreSQL (LINQ: SQL only).</summary>
    public static byte[] Substr(byte[] bytes, int start, int length) => throw new InvalidOperationException($"{nameof(Substr)} runs in SQL only.");

    /// <summary>
    /// Serialises queue submissions across processes inside the caller's transaction. SQLite: nothing to do (Microsoft.Data.Sqlite
    /// begins transactions IMMEDIATE, so the write lock is already held); PostgreSQL takes an advisory transaction lock.
    /// </summary>
    public virtual Task LockQueueAsync(CancellationToken cancel) => Task.CompletedTask;

    /// <summary>Runs whose name or preset matches the LIKE <paramref name="pattern"/> (backslash escapes), in either case of ASCII letters.</summary>
    public virtual IQueryable<RunRecord> NameOrPresetLike(IQueryable<RunRecord> runs, string pattern) =>
        runs.Where(r => EF.Functions.Like(r.Name!, pattern, "\\") || EF.Functions.Like(r.Preset!, pattern, "\\"));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<RunStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(GradientDbContext).GetMethod(nameof(Substr))!).HasName("substr").IsBuiltIn();
        modelBuilder.Entity<RunRecord>(run =>
        {
            run.HasKey(r => r.Key);
            run.HasIndex(r => r.Id).IsUnique();
            run.HasIndex(r => r.CreatedAt);
            run.HasIndex(r => new { r.Status, r.CreatedAt });
            run.HasIndex(r => new { r.Architecture, r.CreatedAt });
            run.HasIndex(r => new { r.Activation, r.CreatedAt });
            run.HasIndex(r => new { r.Init, r.CreatedAt });
            run.Property(r => r.Name).HasMaxLength(Contracts.Spec.Limits.MaxNameLength);
            run.Property(r => r.Preset).HasMaxLength(64);
            run.Property(r => r.Architecture).HasMaxLength(32);
            run.Property(r => r.Activation).HasMaxLength(32);
            run.Property(r => r.Init).HasMaxLength(32);
            run.Property(r => r.LeaseOwner).HasMaxLength(200);
            run.Property(r => r.Reason).HasMaxLength(2000);
            run.Property(r => r.Remedy).HasMaxLength(64);
            run.HasIndex(r => r.ParentId);
            run.HasIndex(r => new { r.SweepId, r.SweepCell });
        });
        modelBuilder.Entity<StepRow>().HasKey(s => new { s.RunKey, s.Step });
        modelBuilder.Entity<LayerChunk>().HasKey(c => new { c.RunKey, c.Layer, c.Chunk });
        modelBuilder.Entity<LayerRollup>().HasKey(r => new { r.RunKey, r.Field, r.Bucket });
        modelBuilder.Entity<StepRollup>().HasKey(r => new { r.RunKey, r.Bucket });
        modelBuilder.Entity<RecurrentSample>().HasKey(s => new { s.RunKey, s.Layer, s.Step });
        modelBuilder.Entity<OutputDepthSample>().HasKey(s => new { s.RunKey, s.Step });
        modelBuilder.Entity<CheckpointRow>().HasKey(c => new { c.RunKey, c.Step });
        modelBuilder.Entity<EventRow>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RunKey, x.Step });
            e.HasIndex(x => new { x.RunKey, x.Kind, x.Step });
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Message).HasMaxLength(1000);
        });
        modelBuilder.Entity<EpisodeRow>(e =>
        {
            e.HasKey(x => new { x.RunKey, x.Kind, x.Track, x.FirstStep });
            e.HasIndex(x => new { x.RunKey, x.FirstStep });
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Message).HasMaxLength(1000);
        });
        modelBuilder.Entity<SweepRecord>(s =>
        {
            s.HasKey(x => x.Key);
            s.HasIndex(x => x.Id).IsUnique();
            s.HasIndex(x => x.CreatedAt);
            s.Property(x => x.Name).HasMaxLength(Contracts.Spec.Limits.MaxNameLength);
            s.Property(x => x.Preset).HasMaxLength(64);
        });
    }

    /// <summary>Stores DateTime as UTC and reads it back with Kind = Utc.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
