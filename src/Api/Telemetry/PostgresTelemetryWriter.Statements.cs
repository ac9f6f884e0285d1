using Npgsql;
using NpgsqlTypes;

namespace GradientService.Api.Telemetry;

// The prepared statements of the writer's connection: the upserts from the staging tables and the small per-batch updates.
public sealed partial class PostgresTelemetryWriter
{
    private sealed class Statements
    {
        public Statements(NpgsqlConnection connection)
        {
            Episode = Prepare(connection, """
                INSERT INTO "Episodes" ("RunKey", "Kind", "Track", "FirstStep", "LastStep", "Steps", "Layer", "Peak", "PeakStep", "Open", "Message")
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT ("RunKey", "Kind", "Track", "FirstStep") DO UPDATE SET "LastStep" = excluded."LastStep", "Steps" = excluded."Steps",
                    "Layer" = excluded."Layer", "Peak" = excluded."Peak", "PeakStep" = excluded."PeakStep", "Open" = excluded."Open", "Message" = excluded."Message"
                """, NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
                NpgsqlDbType.Integer, NpgsqlDbType.Double, NpgsqlDbType.Integer, NpgsqlDbType.Boolean, NpgsqlDbType.Varchar);
            Checkpoint = Prepare(connection, """
                INSERT INTO "Checkpoints" ("RunKey", "Step", "Data", "CreatedAt") VALUES ($1, $2, $3, $4)
                ON CONFLICT ("RunKey", "Step") DO UPDATE SET "Data" = excluded."Data", "CreatedAt" = excluded."CreatedAt";
                """, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Bytea, NpgsqlDbType.TimestampTz);
            Prune = Prepare(connection, """
                DELETE FROM "Checkpoints" WHERE "RunKey" = $1 AND "Step" < (
                    SELECT "Step" FROM "Checkpoints" WHERE "RunKey" = $1 ORDER BY "Step" DESC LIMIT 1 OFFSET $2)
                """, NpgsqlDbType.Bigint, NpgsqlDbType.Integer);
            Progress = Prepare(connection, """
                UPDATE "Runs" SET "StepsDone" = GREATEST("StepsDone", $2), "LastLoss" = COALESCE($3, "LastLoss"), "LastAccuracy" = COALESCE($4, "LastAccuracy"),
                    "LastTestLoss" = COALESCE($5, "LastTestLoss"), "LastTestAccuracy" = COALESCE($6, "LastTestAccuracy"),
                    "ClipEvents" = "ClipEvents" + $7, "NonFiniteEvents" = "NonFiniteEvents" + $8, "CheckpointStep" = GREATEST("CheckpointStep", $9)
                WHERE "Key" = $1
                """, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Double, NpgsqlDbType.Double, NpgsqlDbType.Double, NpgsqlDbType.Double,
                NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer);
            Upserts = Prepare(connection, """
                INSERT INTO "LayerChunks" SELECT * FROM chunk_stage
                ON CONFLICT ("RunKey", "Layer", "Chunk") DO UPDATE SET "Present" = excluded."Present", "Data" = excluded."Data", "Version" = excluded."Version";
                INSERT INTO "LayerRollups" SELECT * FROM rollup_stage
                ON CONFLICT ("RunKey", "Field", "Bucket") DO UPDATE SET "Count" = excluded."Count", "Stats" = excluded."Stats", "Version" = excluded."Version";
                INSERT INTO "StepRollups" SELECT * FROM step_rollup_stage
                ON CONFLICT ("RunKey", "Bucket") DO UPDATE SET "Count" = excluded."Count", "Stats" = excluded."Stats";
                """);
        }

        public NpgsqlCommand Episode { get; }

        public NpgsqlCommand Checkpoint { get; }

        public NpgsqlCommand Prune { get; }

        public NpgsqlCommand Progress { get; }

        /// <summary>The staged chunks and rollups into their tables.</summary>
        public NpgsqlCommand Upserts { get; }

        private static NpgsqlCommand Prepare(NpgsqlConnection connection, string sql, params NpgsqlDbType[] types)
        {
            var command = new NpgsqlCommand(sql, connection);
            foreach (var type in types) command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
            command.Prepare();
            return command;
        }
    }

    private static void Run(NpgsqlCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }
}
