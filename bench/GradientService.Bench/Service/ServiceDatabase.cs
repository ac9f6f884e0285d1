using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GradientService.Bench.Service;

/// <summary>A migrated SQLite store for the service benchmarks, and contexts over it as a request would get them.</summary>
public sealed class ServiceDatabase(string path)
{
    public StorageOptions Storage { get; } = new() { DatabasePath = path };

    public GradientDbContext Context() => new(new DbContextOptionsBuilder<GradientDbContext>()
        .UseSqlite(Storage.ConnectionString)
        .AddInterceptors(new SqlitePragmas())
        .ReplaceService<IMigrationsSqlGenerator, ClusteredTableSqlGenerator>()
        .Options);

    public void Migrate()
    {
        using var db = Context();
        db.Database.ExecuteSqlRaw(DatabaseFile.Pragmas);
        db.Database.Migrate();
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
