using GradientService.Api.Storage;
using GradientService.Core.Detection;
using Npgsql;

namespace GradientService.Api.Telemetry;

// The statements of a batch, gathered while it is walked and sent in one round trip at its commit: the transaction's id,
// the upserts of the rows an earlier batch stored (open chunks and rollup buckets, from arrays), episodes, checkpoints
// and run progress.
public sealed partial class PostgresTelemetryWriter
{
    private const string ChunkUpsert = """
        INSERT INTO "LayerChunks" ("RunKey", "Layer", "Chunk", "Present", "Version", "Data")
        SELECT * FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::integer[], $5::integer[], $6::bytea[])
        ON CONFLICT ("RunKey", "Layer", "Chunk") DO UPDATE SET "Present" = excluded."Present", "Data" = excluded."Data", "Version" = excluded."Version"
        """;

    private const string RollupUpsert = """
        INSERT INTO "LayerRollups" ("RunKey", "Field", "Bucket", "Count", "Version", "Stats")
        SELECT * FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::integer[], $5::integer[], $6::bytea[])
        ON CONFLICT ("RunKey", "Field", "Bucket") DO UPDATE SET "Count" = excluded."Count", "Stats" = excluded."Stats", "Version" = excluded."Version"
        """;

    private const string StepRollupUpsert = """
        INSERT INTO "StepRollups" ("RunKey", "Bucket", "Count", "Stats")
        SELECT * FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::bytea[])
        ON CONFLICT ("RunKey", "Bucket") DO UPDATE SET "Count" = excluded."Count", "Stats" = excluded."Stats"
        """;

    private const string EpisodeUpsert = """
        INSERT INTO "Episodes" ("RunKey", "Kind", "Track", "FirstStep", "LastStep", "Steps", "Layer", "Peak", "PeakStep", "Open", "Message")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT ("RunKey", "Kind", "Track", "FirstStep") DO UPDATE SET "LastStep" = excluded."LastStep", "Steps" = excluded."Steps",
            "Layer" = excluded."Layer", "Peak" = excluded."Peak", "PeakStep" = excluded."PeakStep", "Open" = excluded."Open", "Message" = excluded."Message"
        """;

    private const string CheckpointUpsert = """
        INSERT INTO "Checkpoints" ("RunKey", "Step", "Data", "CreatedAt") VALUES ($1, $2, $3, $4)
        ON CONFLICT ("RunKey", "Step") DO UPDATE SET "Data" = excluded."Data", "CreatedAt" = excluded."CreatedAt"
        """;

    private const string CheckpointPrune = """
        DELETE FROM "Checkpoints" WHERE "RunKey" = $1 AND "Step" < (
            SELECT "Step" FROM "Checkpoints" WHERE "RunKey" = $1 ORDER BY "Step" DESC LIMIT 1 OFFSET $2)
        """;

    private const string ProgressUpdate = """
        UPDATE "Runs" SET "StepsDone" = GREATEST("StepsDone", $2), "LastLoss" = COALESCE($3, "LastLoss"), "LastAccuracy" = COALESCE($4, "LastAccuracy"),
            "LastTestLoss" = COALESCE($5, "LastTestLoss"), "LastTestAccuracy" = COALESCE($6, "LastTestAccuracy"),
            "ClipEvents" = "ClipEvents" + $7, "NonFiniteEvents" = "NonFiniteEvents" + $8, "CheckpointStep" = GREATEST("CheckpointStep", $9)
        WHERE "Key" = $1
        """;

    private readonly List<NpgsqlBatchCommand> _statements = [];

    protected override void WriteEpisode(long runKey, EpisodeState e) => Add(EpisodeUpsert, runKey, e.Kind, e.Track, e.FirstStep, e.LastStep, e.Steps,
        Value(e.Layer > 0 ? e.Layer : null), Value(e.Peak), Value(double.IsNaN(e.Peak) ? null : e.PeakStep), e.Open, e.Message);

    protected override void WriteCheckpoint(long runKey, int step, byte[] data, DateTime now)
    {
        Add(CheckpointUpsert, runKey, step, data, now);
        Add(CheckpointPrune, runKey, CheckpointsKept - 1);
    }

    protected override void WriteProgress(long runKey, Progress p) => Add(ProgressUpdate, runKey, p.Step, Value(p.Step > 0 ? p.Loss : null),
        Value(p.Accuracy), Value(p.TestLoss), Value(p.TestAccuracy), p.ClipEvents, p.NonFiniteEvents, p.Checkpoint);

    private void Add(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        _statements.Add(command);
    }

    /// <summary>Runs the gathered statements after the transaction's id (returned, as text) in one round trip.</summary>
    private string RunStatements()
    {
        if (_chunkUpdates.Count > 0)
        {
            Add(ChunkUpsert, _chunkUpdates.Select(c => c.RunKey).ToArray(), _chunkUpdates.Select(c => c.Layer).ToArray(),
                _chunkUpdates.Select(c => c.Chunk).ToArray(), _chunkUpdates.Select(c => c.Present).ToArray(),
                _chunkUpdates.Select(c => c.Version).ToArray(), _chunkUpdates.Select(c => c.Data).ToArray());
        }
        if (_rollupUpdates.Count > 0)
        {
            Add(RollupUpsert, _rollupUpdates.Select(r => r.RunKey).ToArray(), _rollupUpdates.Select(r => r.Field).ToArray(),
                _rollupUpdates.Select(r => r.Bucket).ToArray(), _rollupUpdates.Select(r => r.Count).ToArray(),
                _rollupUpdates.Select(r => r.Version).ToArray(), _rollupUpdates.Select(r => r.Stats).ToArray());
        }
        if (_stepRollupUpdates.Count > 0)
        {
            Add(StepRollupUpsert, _stepRollupUpdates.Select(r => r.RunKey).ToArray(), _stepRollupUpdates.Select(r => r.Bucket).ToArray(),
                _stepRollupUpdates.Select(r => r.Count).ToArray(), _stepRollupUpdates.Select(r => r.Stats).ToArray());
        }
        using var batch = new NpgsqlBatch(Connection, _transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_current_xact_id()::text"));
        foreach (var command in _statements) batch.BatchCommands.Add(command);
        _statements.Clear();
        using var reader = batch.ExecuteReader();
        reader.Read();
        var xid = reader.GetString(0);
        while (reader.NextResult()) { } // every statement's result, and its error if any
        return xid;
    }
}
