using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>Restarting the store restarts every connection to it: nothing else may run beside these tests.</summary>
[CollectionDefinition(nameof(StoreRestart), DisableParallelization = true)]
public sealed class StoreRestart;

/// <summary>
/// The store goes away mid-run and comes back: the recorder writes the pending batch again until it is committed, so every
/// step is stored once and the layer rows equal those of a run recorded without the interruption.
/// </summary>
[Collection(nameof(StoreRestart))]
public sealed class RecorderStoreRestartTests
{
    [Fact]
    public async Task Recorder_StoreRestartedMidRun_EveryStepStoredOnceAndRowsEqualAnUninterruptedRun()
    {
        using var store = new WriterStore();
        var (expectedKey, key) = (store.AddRun(), store.AddRun());
        var queue = new TelemetryQueue(Microsoft.Extensions.Options.Options.Create(store.Storage));
        var log = new ListLogger();
        using var recorder = new Recorder(queue, store.Writer, new NoFeed(), new ServiceMetrics(TimeProvider.System),
            Microsoft.Extensions.Options.Options.Create(store.Storage), TimeProvider.System, log);
        await recorder.StartAsync(default);
        var uninterrupted = WriterStore.Tap(queue, expectedKey);
        WriterStore.Feed(uninterrupted, 1, 200);
        await Committed(uninterrupted);
        var tap = WriterStore.Tap(queue, key);
        WriterStore.Feed(tap, 1, 100); // ends inside a layer chunk and a rollup bucket
        await Committed(tap);

        if (store.Storage.Provider == StorageProvider.Postgres)
        {
            TestStore.Restart(); // the recorder's connection is dead; its next batch fails and is written again
            WriterStore.Feed(tap, 101, 200);
            await Committed(tap);
            Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Id == 202);
        }
        else
        {
            // SQLite has no server to restart: another writer holds the file's write lock while the steps arrive.
            using var other = new SqliteConnection(store.Storage.SqliteConnectionString);
            other.Open();
            using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }
            WriterStore.Feed(tap, 101, 200);
            var committed = Committed(tap);
            Assert.False(committed.IsCompleted);
            using (var rollback = other.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }
            await committed;
        }
        await recorder.StopAsync(default);

        store.Rows(key).AssertSameAs(store.Rows(expectedKey), 200);
        Assert.Null(tap.RecorderFault);
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);
    }

    /// <summary>Everything the tap queued is committed (a bound only against a hang: a failed batch throws at once).</summary>
    private static Task Committed(RunTap tap) => tap.FlushAsync(default).WaitAsync(TimeSpan.FromSeconds(60));

    private sealed class NoFeed : ILiveFeed
    {
        public void Publish(IReadOnlyList<TelemetryItem> committed) { }

        public void Publish(RunStatusMessage status) { }

        public ValueTask WatchAsync(Guid runId, CancellationToken cancel) => ValueTask.CompletedTask;

        public IAsyncEnumerable<object> ReadAllAsync(CancellationToken cancel) => AsyncEnumerable.Empty<object>();
    }

    private sealed class ListLogger : ILogger<Recorder>
    {
        private readonly List<(LogLevel Level, int Id)> _entries = [];

        public IReadOnlyList<(LogLevel Level, int Id)> Entries
        {
            get { lock (_entries) return [.. _entries]; }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries) _entries.Add((logLevel, eventId.Id));
        }
    }
}
