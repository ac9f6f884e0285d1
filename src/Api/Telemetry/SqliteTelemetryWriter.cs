using GradientService.Api.Options;
using GradientService.Api.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The recorder's SQLite store, its hot path in raw SQL: prepared statements bound through
/// SQLitePCLRaw directly (Microsoft.Data.Sqlite's parameter objects cost more than the insert itself at 500,000 layer
/// rows per second). One batch is one transaction (BEGIN IMMEDIATE). Table and column names are EF Core's (see <see cref="GradientDbContext"/>).
/// </summary>
public sealed partial class SqliteTelemetryWriter : TelemetryWriter
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly Statement _begin, _commit, _rollback, _step, _chunk, _rollup, _stepRollup, _recurrent, _outputDepths, _event, _episode, _checkpoint, _prune, _progressUpdate, _leaseOwner;

    public SqliteTelemetryWriter(StorageOptions storage, int checkpointsKept, TimeProvider clock) : base(checkpointsKept, clock)
    {
        _connection = new SqliteConnection(storage.SqliteConnectionString);
        _connection.Open();
        _db = _connection.Handle ?? throw new InvalidOperationException("The SQLite connection has no handle.");
        // busy_timeout: raw sqlite3_exec has none of Microsoft.Data.Sqlite's retry loop, so without it BEGIN IMMEDIATE fails at
        // once (SQLITE_BUSY, "database is locked") whenever an EF write (lease heartbeat, status) holds the write lock.
        Exec($"{SqlitePragmas.Statements} PRAGMA busy_timeout=5000; PRAGMA cache_size=-{storage.CacheMiB * 1024}; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192;");
        (_begin, _commit, _rollback) = (Prepare("BEGIN IMMEDIATE"), Prepare("COMMIT"), Prepare("ROLLBACK"));
        _step = Prepare("""
            INSERT INTO Steps (RunKey, Step, Loss, TrainAccuracy, TestLoss, TestAccuracy, LearningRate, GradNormBefore, GradNormAfter, ClipScale,
                PopulationLoss, PopulationDiversity, Evaluations, Phase, Absent)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """);
        _chunk = Prepare("""
            INSERT INTO LayerChunks (RunKey, Layer, Chunk, Present, Data, Version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (RunKey, Layer, Chunk) DO UPDATE SET Present = excluded.Present, Data = excluded.Data, Version = excluded.Version
            """);
        _rollup = Prepare("""
            INSERT INTO LayerRollups (RunKey, Field, Bucket, Count, Stats, Version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (RunKey, Field, Bucket) DO UPDATE SET Count = excluded.Count, Stats = excluded.Stats, Version = excluded.Version
            """);
        _stepRollup = Prepare("""
            INSERT INTO StepRollups (RunKey, Bucket, Count, Stats) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (RunKey, Bucket) DO UPDATE SET Count = excluded.Count, Stats = excluded.Stats
            """);
        _recurrent = Prepare("""
            INSERT INTO RecurrentSamples (RunKey, Layer, Step, SigmaMax, BoundFactor, ForgetGateMean, InputGateGradNorms, RecurrentGateGradNorms, TimeLag)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """);
        _outputDepths = Prepare("INSERT INTO OutputDepthSamples (RunKey, Step, GradNorms) VALUES (?1, ?2, ?3)");
        _event = Prepare("INSERT INTO Events (RunKey, Step, Kind, Layer, Value, Message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _episode = Prepare("""
            INSERT INTO Episodes (RunKey, Kind, Track, FirstStep, LastStep, Steps, Layer, Peak, PeakStep, Open, Message)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            ON CONFLICT (RunKey, Kind, Track, FirstStep) DO UPDATE SET LastStep = excluded.LastStep, Steps = excluded.Steps,
                Layer = excluded.Layer, Peak = excluded.Peak, PeakStep = excluded.PeakStep, Open = excluded.Open, Message = excluded.Message
            """);
        _checkpoint = Prepare("""
            INSERT INTO Checkpoints (RunKey, Step, Data, CreatedAt) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (RunKey, Step) DO UPDATE SET Data = excluded.Data, CreatedAt = excluded.CreatedAt
            """);
        _prune = Prepare("""
            DELETE FROM Checkpoints WHERE RunKey = ?1 AND Step < (
                SELECT Step FROM Checkpoints WHERE RunKey = ?1 ORDER BY Step DESC LIMIT 1 OFFSET ?2)
            """);
        _leaseOwner = Prepare("SELECT LeaseOwner FROM Runs WHERE Key = ?1");
        _progressUpdate = Prepare("""
            UPDATE Runs SET StepsDone = MAX(StepsDone, ?2), LastLoss = COALESCE(?3, LastLoss), LastAccuracy = COALESCE(?4, LastAccuracy),
                LastTestLoss = COALESCE(?5, LastTestLoss), LastTestAccuracy = COALESCE(?6, LastTestAccuracy),
                ClipEvents = ClipEvents + ?7, NonFiniteEvents = NonFiniteEvents + ?8, CheckpointStep = MAX(CheckpointStep, ?9)
            WHERE Key = ?1
            """);
    }

    public override void Dispose()
    {
        foreach (var statement in new[] { _begin, _commit, _rollback, _step, _chunk, _rollup, _stepRollup, _recurrent, _outputDepths, _event, _episode, _checkpoint, _prune, _progressUpdate, _leaseOwner }) statement.Dispose();
        _connection.Dispose();
    }

    private void Exec(string sql)
    {
        var rc = raw.sqlite3_exec(_db, sql);
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }

    private Statement Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var handle);
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        return new Statement(_db, handle);
    }

    /// <summary>A prepared statement: bind 1-based parameters, then <see cref="Run"/> (step and reset).</summary>
    private readonly struct Statement(sqlite3 db, sqlite3_stmt handle) : IDisposable
    {
        public void Bind(int index, long value) => raw.sqlite3_bind_int64(handle, index, value);

        public void Bind(int index, int value) => raw.sqlite3_bind_int64(handle, index, value);

        /// <summary>NaN binds as NULL (SQLite would turn it into NULL anyway); ±∞ are stored as such.</summary>
        public void Bind(int index, double value)
        {
            if (double.IsNaN(value)) raw.sqlite3_bind_null(handle, index);
            else raw.sqlite3_bind_double(handle, index, value);
        }

        public void Bind(int index, double? value)
        {
            if (value is { } v) Bind(index, v);
            else raw.sqlite3_bind_null(handle, index);
        }

        public void Bind(int index, int? value)
        {
            if (value is { } v) raw.sqlite3_bind_int64(handle, index, v);
            else raw.sqlite3_bind_null(handle, index);
        }

        public void Bind(int index, string value) => raw.sqlite3_bind_text(handle, index, value);

        public void Bind(int index, ReadOnlySpan<byte> value) => raw.sqlite3_bind_blob(handle, index, value);

        /// <summary>Steps once and returns the first column of the row as text (null when NULL or no row), then resets.</summary>
        public string? Text()
        {
            var rc = raw.sqlite3_step(handle);
            try
            {
                if (rc == raw.SQLITE_DONE) return null;
                if (rc != raw.SQLITE_ROW) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
                return raw.sqlite3_column_type(handle, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(handle, 0).utf8_to_string();
            }
            finally
            {
                raw.sqlite3_reset(handle);
            }
        }

        public void Run()
        {
            var rc = raw.sqlite3_step(handle);
            raw.sqlite3_reset(handle);
            if (rc != raw.SQLITE_DONE) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }

        public void Dispose() => handle.Dispose();
    }
}
