using GradientService.Api.Options;
using GradientService.Api.Workers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>
/// The real app over its own store (a SQLite file, or a PostgreSQL database standing for it: <see cref="TestStore"/>), with the
/// scripted engine. Subclasses change settings per test class.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));
    private readonly string _ownDatabase;

    public ApiFactory()
    {
        Directory.CreateDirectory(_folder);
        DatabasePath = _ownDatabase = Path.Combine(_folder, "gradients.db");
    }

    /// <summary>The store's file; instances given one path share one store (on PostgreSQL, the database standing for it).</summary>
    public string DatabasePath { get; set; }

    /// <summary>The run's store engine (<see cref="TestStore.Provider"/>; a test of SQLite files sets Sqlite).</summary>
    public StorageProvider Provider { get; set; } = TestStore.Provider;

    public ScriptedTrainerFactory Trainers { get; } = new();

    /// <summary>False to keep the engine's own trainer factory (end-to-end tests).</summary>
    protected virtual bool UseScriptedTrainer => true;

    protected virtual IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Workers:PollInterval", "00:00:00.200"),
        ("Workers:HeartbeatInterval", "00:00:00.500"),
        ("Workers:CheckpointEvery", "10"),
        ("Security:SubmissionsPerWindow", "100000"),
        ("Workers:MaxQueuedRuns", "100000"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DatabasePath", DatabasePath);
        if (Provider == StorageProvider.Postgres)
        {
            builder.UseSetting("Storage:Provider", "postgres");
            builder.UseSetting("Storage:ConnectionString", TestStore.Database(DatabasePath));
        }
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        if (UseScriptedTrainer)
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<ITrainerFactory>(Trainers)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Provider == StorageProvider.Postgres && DatabasePath == _ownDatabase) TestStore.Drop(DatabasePath);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open on a slow shutdown; temp space */ }
    }
}
