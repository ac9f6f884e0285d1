using GradientService.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Tests.Storage;

/// <summary>Each store's migration set holds the whole model: a schema change added to one set only fails here.</summary>
public sealed class MigrationSetsTests
{
    [Fact]
    public void SqliteMigrations_TheModel_HaveNoPendingChanges()
    {
        using var db = new DesignTimeContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "add the migration to both sets (docs/deploy.md, How the store differs underneath)");
    }

    [Fact]
    public void PostgresMigrations_TheModel_HaveNoPendingChanges()
    {
        using var db = new PostgresDesignTimeContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "add the migration to both sets (docs/deploy.md, How the store differs underneath)");
    }
}
