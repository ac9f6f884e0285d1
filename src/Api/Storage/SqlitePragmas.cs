using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GradientService.Api.Storage;

/// <summary>
/// Per-connection settings: synchronous=NORMAL is durable against a process crash in WAL mode (only an OS crash may
/// lose the last transactions), and much cheaper than FULL. WAL itself is a property of the file, set by the migrator.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Statements = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Statements;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
