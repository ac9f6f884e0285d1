using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>Applies EF Core migrations (after <see cref="DatabaseFile.Pragmas"/>) before anything else starts.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
        await db.Database.ExecuteSqlRawAsync(DatabaseFile.Pragmas, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        Log.MigrationsApplied(logger, pending.Count);
        Ready = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True once the schema is current (the readiness check reads it).</summary>
    public bool Ready { get; private set; }
}
