using System.Data;
using System.Net.Sockets;
using GradientService.Api.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The recorder's PostgreSQL store. A batch is one transaction on the writer's own connection, in a few round trips: one
/// <see cref="NpgsqlBatch"/> of statements (the upserts of the chunk and rollup rows stored by an earlier batch, episodes,
/// checkpoints, run progress), then a binary COPY per table of the new rows (steps, recurrent and output-depth samples,
/// events, new chunks and rollups), then COMMIT. Nothing is visible before COMMIT and a failed batch leaves nothing.
/// <para>
/// A broken connection (a restarted server) is a transient failure (<see cref="IsTransient"/>): the connection is reopened
/// on the next attempt. When it broke during COMMIT, the next attempt first asks the server whether the transaction
/// committed (<c>pg_xact_status</c> of its id), so a batch is stored exactly once.
/// </para>
/// Table and column names are EF Core's (see <see cref="GradientDbContext"/>), quoted.
/// </summary>
public sealed partial class PostgresTelemetryWriter(NpgsqlDataSource source, int checkpointsKept, TimeProvider clock) : TelemetryWriter(checkpointsKept, clock)
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    /// <summary>The id of the transaction whose COMMIT was sent but not answered.</summary>
    private string? _inDoubtXid;

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("The writer's connection is not open.");

    public override void Dispose()
    {
        _transaction?.Dispose();
        _connection?.Dispose();
    }

    /// <summary>
    /// The connection broke or could not be opened (a restarted or unreachable server): an I/O or socket error, a timeout,
    /// PostgreSQL's connection-exception class 08, the server shutting down (57P01, 57P02) or starting up (57P03), and
    /// whatever Npgsql marks transient.
    /// </summary>
    public override bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03",
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException or TimeoutException,
        TimeoutException or IOException or SocketException => true,
        _ => false,
    };

    protected override bool CommitInDoubt => _inDoubtXid != null;

    protected override bool CommittedInDoubt()
    {
        var xid = _inDoubtXid;
        EnsureOpen();
        using var command = new NpgsqlCommand("SELECT pg_xact_status($1::text::xid8)::text", Connection) { Parameters = { new() { Value = xid!, NpgsqlDbType = NpgsqlDbType.Text } } };
        var status = command.ExecuteScalar() as string;
        if (status == "in progress") throw new TimeoutException($"Transaction {xid}, whose commit was not answered, is still in progress.");
        _inDoubtXid = null;
        return status switch
        {
            "committed" => true,
            "aborted" => false,
            _ => throw new InvalidOperationException($"PostgreSQL no longer knows whether transaction {xid} committed."),
        };
    }

    protected override void Begin()
    {
        EnsureOpen();
        ClearBuffers();
        _transaction = Connection.BeginTransaction();
    }

    protected override void Commit()
    {
        var xid = RunStatements();
        CopyRows();
        _inDoubtXid = xid;
        try
        {
            _transaction!.Commit();
        }
        catch (PostgresException) when (_connection?.FullState == ConnectionState.Open)
        {
            _inDoubtXid = null; // the server answered: the transaction did not commit
            throw;
        }
        _inDoubtXid = null;
        _transaction = null;
    }

    // The first command of the batch (BEGIN goes with it). The row lock is the one an UPDATE takes: a claim's FOR UPDATE
    // SKIP LOCKED passes the run by until the batch commits; a claim committed first is read here.
    protected override string? LockLeaseOwner(long runKey)
    {
        using var command = new NpgsqlCommand("""SELECT "LeaseOwner" FROM "Runs" WHERE "Key" = $1 FOR NO KEY UPDATE""", Connection, _transaction)
        {
            Parameters = { new() { Value = runKey } },
        };
        return command.ExecuteScalar() as string;
    }

    protected override void Rollback()
    {
        ClearBuffers();
        try
        {
            if (_connection?.FullState == ConnectionState.Open) _transaction?.Rollback();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection broke mid-batch; the server drops the transaction with it.
        }
        _transaction?.Dispose();
        _transaction = null;
        if (_connection?.FullState != ConnectionState.Open)
        {
            _connection?.Dispose(); // reopened by the next batch
            _connection = null;
            source.Clear(); // the pool's idle connections most likely broke with it (a restarted server)
        }
    }

    private void EnsureOpen()
    {
        if (_connection is { FullState: ConnectionState.Open }) return;
        _connection?.Dispose();
        _connection = null;
        _connection = source.OpenConnection();
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
