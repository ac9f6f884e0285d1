using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Storage;

/// <summary>Applies EF Core migrations (after <see cref="StoreProvider.PrepareAsync"/>) before anything else starts.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, StoreProvider store, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
        await store.PrepareAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        Log.MigrationsApplied(logger, pending.Count);
        Ready = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True once the schema is current (the readiness check reads it).</summary>
    public bool Ready { get; private set; }
}
