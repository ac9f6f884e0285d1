using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GradientService.Api.Series;

/// <summary>
/// A SQLite store of its own in a temporary folder, holding one small finished run written by the recorder's writer
/// (<see cref="Steps"/> steps of <see cref="Layers"/> layers, so its series and heatmap are read from rollups as a big
/// run's are; its gradient vanishes, so its diagnosis has findings): the start-up warm-up reads it through the same
/// stores and queries as a request, so the code that reads rows runs once before the first real request. The folder is
/// deleted on dispose; the service's own store is not touched.
/// </summary>
internal sealed class WarmupStore : IAsyncDisposable
{
    public const int Layers = 2, Steps = 20 * LayerRollup.Width;

    private readonly string _folder;

    private WarmupStore(string folder, GradientDbContext db, RunRecord run) => (_folder, Db, Run) = (folder, db, run);

    public GradientDbContext Db { get; }

    public RunRecord Run { get; }

    /// <summary>The folders' parent, in the temporary folder (a folder per store under it).</summary>
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "gradientservice-warmup");

    public static async Task<WarmupStore> CreateAsync(string root, RunSpec spec, TimeProvider clock, CancellationToken cancel)
    {
        var folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
        var storage = new StorageOptions { Provider = StorageProvider.Sqlite, DatabasePath = Path.Combine(folder, "warmup.db") };
        var provider = StoreProvider.For(storage, NullLoggerFactory.Instance);
        var db = provider.CreateContext();
        try
        {
            await provider.PrepareAsync(db, cancel);
            await db.Database.MigrateAsync(cancel);
            var run = new RunRecord
            {
                Id = Guid.CreateVersion7(), Name = "warm-up", Status = RunStatus.Completed, SpecJson = System.Text.Json.JsonSerializer.Serialize(spec, SpecJson.Options),
                Architecture = "mlp", Activation = "tanh", Init = "standard", Depth = Layers - 1, LayerCount = Layers, TotalSteps = Steps, StepsDone = Steps,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Runs.Add(run);
            await db.SaveChangesAsync(cancel);
            Record(provider, storage, run, spec, clock);
            return new WarmupStore(folder, db, run);
        }
        catch
        {
            await db.DisposeAsync();
            Delete(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var connection = (SqliteConnection)Db.Database.GetDbConnection();
        await Db.DisposeAsync();
        SqliteConnection.ClearPool(connection); // this file's pooled connections, so that it can go (the service's stay open)
        Delete(_folder);
    }

    /// <summary>Every step through a run's tap and the queue into the writer, as the recorder stores them (the queue holds them all).</summary>
    private static void Record(StoreProvider provider, StorageOptions storage, RunRecord run, RunSpec spec, TimeProvider clock)
    {
        var queue = new TelemetryQueue(Microsoft.Extensions.Options.Options.Create(storage));
        var model = new ModelInfo([.. Enumerable.Range(1, Layers).Select(l => new LayerInfo(l, $"layers.{l - 1}", 4, 4, "dense"))], Layers * 20, 0, 1, 1);
        var tap = new RunTap(queue, new RunContext(run.Key, run.Id, model, RecordEvery: 1, TotalSteps: Steps, ResumedAt: 0), Detectors.Live(spec, Layers));
        var record = new StepRecord(Layers, 0, 1, 1);
        for (var step = 1; step <= Steps; step++)
        {
            record.Step = step;
            record.Loss = 1.0 / step;
            record.GradNormBefore = record.GradNormAfter = 1;
            // Vanishing: each layer gets 10⁻⁶ of the next one's gradient, so the detectors record an episode and the
            // diagnosis has a finding with its causes and remedies to write, as a sick run's has.
            for (var l = 0; l < Layers; l++) record.Layers[l].WeightGradNorm = record.Layers[l].PreactivationGradNorm = Math.Pow(1e-6, Layers - 1 - l);
            tap.OnStep(record);
        }
        tap.Finish(null);
        queue.Writer.Complete();
        using var writer = provider.CreateWriter(1, clock);
        var batch = new List<TelemetryItem>();
        while (queue.Reader.TryRead(out var item)) batch.Add(item);
        writer.WriteBatch(batch);
    }

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a file still open: temporary space */ }
    }
}
