using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>
/// A migrated store of the engine under test (<see cref="TestStore"/>) for the telemetry writer's own tests, runs in it,
/// taps that feed them deterministic steps, and every row the writer stores for a run.
/// </summary>
public sealed class WriterStore : IDisposable
{
    public const int Layers = 5;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-tests", Guid.NewGuid().ToString("N"));

    public WriterStore()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "gradients.db");
        Storage = TestStore.Provider == StorageProvider.Postgres
            ? new StorageOptions { DatabasePath = path, Provider = StorageProvider.Postgres, ConnectionString = TestStore.Database(path) }
            : new StorageOptions { DatabasePath = path };
        Provider = StoreProvider.For(Storage, NullLoggerFactory.Instance);
        using var db = Provider.CreateContext();
        Provider.PrepareAsync(db, default).GetAwaiter().GetResult();
        db.Database.Migrate();
    }

    public StorageOptions Storage { get; }

    public StoreProvider Provider { get; }

    public ITelemetryWriter Writer() => Provider.CreateWriter(5, TimeProvider.System);

    public long AddRun()
    {
        using var db = Provider.CreateContext();
        var run = new RunRecord
        {
            Id = Guid.CreateVersion7(), Name = "writer test", SpecJson = "{}", Architecture = "mlp", Activation = "tanh", Init = "xavier",
            Depth = Layers - 1, TotalSteps = 1000, LayerCount = Layers, Status = RunStatus.Running, CreatedAt = DateTime.UtcNow,
        };
        db.Runs.Add(run);
        db.SaveChanges();
        return run.Key;
    }

    /// <summary>Sets the run's lease owner, as a claim by <paramref name="owner"/> does (null: as finishing the run does).</summary>
    public void SetLeaseOwner(long runKey, string? owner)
    {
        using var db = Provider.CreateContext();
        db.Runs.Where(r => r.Key == runKey).ExecuteUpdate(s => s.SetProperty(r => r.LeaseOwner, owner));
    }

    public static TelemetryQueue Queue() => new(Microsoft.Extensions.Options.Options.Create(new StorageOptions { ChannelCapacity = 10_000 }));

    /// <summary>Every item queued so far, in order: one batch.</summary>
    public static List<TelemetryItem> Drain(TelemetryQueue queue)
    {
        var items = new List<TelemetryItem>();
        while (queue.Reader.TryRead(out var item)) items.Add(item);
        return items;
    }

    public static RunTap Tap(TelemetryQueue queue, long runKey, string? leaseOwner = null)
    {
        var model = new ModelInfo([.. Enumerable.Range(1, Layers).Select(l => new LayerInfo(l, $"layers.{l - 1}", 4, 4, "dense"))], 20 * Layers, 0, 1, 1);
        return new RunTap(queue, new RunContext(runKey, Guid.NewGuid(), model, RecordEvery: 1, TotalSteps: 1000, ResumedAt: 0, leaseOwner), Detectors.Live(new RunSpec(), Layers));
    }

    /// <summary>Steps <paramref name="from"/>…<paramref name="to"/> through the tap: the same values for every run.</summary>
    public static void Feed(RunTap tap, int from, int to)
    {
        var record = new StepRecord(Layers, 0, 1, 1);
        for (var step = from; step <= to; step++)
        {
            record.Step = step;
            record.Loss = 1.0 / step;
            record.GradNormBefore = 1 + 1.0 / step;
            record.GradNormAfter = record.GradNormBefore;
            record.ClipScale = 1;
            for (var l = 0; l < Layers; l++)
            {
                ref var s = ref record.Layers[l];
                s.WeightGradNorm = step + l + 1.0 / (step + l);
                s.WeightNorm = 3 + Math.Sin(step * (l + 1));
                s.ActivationMean = Math.Cos(step + l);
            }
            tap.OnStep(record);
        }
    }

    /// <summary>Every row stored for the run, its key left out, as comparable text: steps, chunks, rollups, step rollups, progress.</summary>
    public Stored Rows(long runKey)
    {
        using var db = Provider.CreateContext();
        var steps = db.Steps.AsNoTracking().Where(s => s.RunKey == runKey).Select(s => s.Step).ToList();
        var chunks = db.LayerChunks.AsNoTracking().Where(c => c.RunKey == runKey).OrderBy(c => c.Layer).ThenBy(c => c.Chunk).ToList()
            .Select(c => $"{c.Layer}/{c.Chunk}: {c.Present} v{c.Version} {Convert.ToHexString(c.Data)}").ToList();
        var rollups = db.LayerRollups.AsNoTracking().Where(r => r.RunKey == runKey).OrderBy(r => r.Field).ThenBy(r => r.Bucket).ToList()
            .Select(r => $"{r.Field}/{r.Bucket}: {r.Count} v{r.Version} {Convert.ToHexString(r.Stats)}").ToList();
        var stepRollups = db.StepRollups.AsNoTracking().Where(r => r.RunKey == runKey).OrderBy(r => r.Bucket).ToList()
            .Select(r => $"{r.Bucket}: {r.Count} {Convert.ToHexString(r.Stats)}").ToList();
        var stepsDone = db.Runs.AsNoTracking().Single(r => r.Key == runKey).StepsDone;
        return new Stored(steps, chunks, rollups, stepRollups, stepsDone);
    }

    public void Dispose()
    {
        (Provider as IDisposable)?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Storage.Provider == StorageProvider.Postgres) TestStore.Drop(Storage.DatabasePath);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp space */ }
    }

    public sealed record Stored(List<int> Steps, List<string> Chunks, List<string> Rollups, List<string> StepRollups, int StepsDone)
    {
        /// <summary>Asserts the layer rows equal <paramref name="expected"/>'s and the run holds steps 1…<paramref name="last"/>, each once.</summary>
        public void AssertSameAs(Stored expected, int last)
        {
            Assert.Equal(Enumerable.Range(1, last), Steps.Order());
            Assert.Equal(last, StepsDone);
            Assert.Equal(expected.Chunks, Chunks);
            Assert.Equal(expected.Rollups, Rollups);
            Assert.Equal(expected.StepRollups, StepRollups);
        }
    }
}
