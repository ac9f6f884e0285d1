using GradientService.Api.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The recorder's PostgreSQL store. A batch is one transaction on the writer's own connection: its row inserts (steps,
/// recurrent and output-depth samples, events) go in by binary COPY, its upserts (layer chunks, rollups) by binary COPY
/// into temporary staging tables and one INSERT … ON CONFLICT from each, the few small updates (episodes, checkpoints, run
/// progress) as prepared statements. Nothing is visible before COMMIT and a failed batch leaves nothing (the staging
/// tables empty themselves ON COMMIT and on rollback). A broken connection (a restarted server) is reopened on the next batch.
/// Table and column names are EF Core's (see <see cref="GradientDbContext"/>), quoted.
/// </summary>
public sealed partial class PostgresTelemetryWriter(NpgsqlDataSource source, int checkpointsKept, TimeProvider clock) : TelemetryWriter(checkpointsKept, clock)
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private Statements? _statements;

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("The writer's connection is not open.");

    private Statements Sql => _statements ?? throw new InvalidOperationException("The writer's connection is not open.");

    public override void Dispose()
    {
        _transaction?.Dispose();
        _connection?.Dispose();
    }

    protected override void Begin()
    {
        if (_connection is not { FullState: System.Data.ConnectionState.Open }) Open();
        ClearBuffers();
        _transaction = Connection.BeginTransaction();
    }

    protected override void Commit()
    {
        CopyRows();
        _transaction!.Commit();
        _transaction = null;
    }

    protected override void Rollback()
    {
        ClearBuffers();
        try
        {
            _transaction?.Rollback();
        }
        catch (NpgsqlException)
        {
            // The connection broke mid-batch; the server dropped the transaction with it. Reopened on the next batch.
            _connection?.Dispose();
            _connection = null;
        }
        _transaction = null;
    }

    private void Open()
    {
        _connection?.Dispose();
        _connection = source.OpenConnection();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TEMP TABLE chunk_stage (LIKE "LayerChunks") ON COMMIT DELETE ROWS;
                CREATE TEMP TABLE rollup_stage (LIKE "LayerRollups") ON COMMIT DELETE ROWS;
                CREATE TEMP TABLE step_rollup_stage (LIKE "StepRollups") ON COMMIT DELETE ROWS;
                """;
            create.ExecuteNonQuery();
        }
        _statements = new Statements(_connection);
    }

    /// <summary>A NULL for NaN, as SQLite stores it (the queries read NULL as absent or NaN alike).</summary>
    private static object Value(double? value) => value is { } v && !double.IsNaN(v) ? v : DBNull.Value;

    private static object Value(int? value) => value is { } v ? v : DBNull.Value;

    private static void Write(NpgsqlBinaryImporter copy, double? value)
    {
        if (value is { } v && !double.IsNaN(v)) copy.Write(v, NpgsqlDbType.Double);
        else copy.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } v) copy.Write(v, NpgsqlDbType.Integer);
        else copy.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter copy, byte[]? value)
    {
        if (value != null) copy.Write(value, NpgsqlDbType.Bytea);
        else copy.WriteNull();
    }
}
