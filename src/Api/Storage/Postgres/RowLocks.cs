using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GradientService.Api.Storage.Postgres;

/// <summary>
/// Row locks for queries EF Core cannot express: a query tagged <see cref="SkipLocked"/> (<c>TagWith</c>) gets
/// <c>FOR UPDATE SKIP LOCKED</c>, so the rows it returns stay locked until the transaction ends and rows another
/// transaction holds are passed over (how the mature PostgreSQL job queues claim work). EF Core's documented way of
/// adding a query hint: an interceptor keyed on the query's tag.
/// </summary>
public sealed class RowLocks : DbCommandInterceptor
{
    public const string SkipLocked = "gradientservice: for update skip locked";

    public static readonly RowLocks Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command.CommandText.StartsWith("-- " + SkipLocked, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
    }
}
