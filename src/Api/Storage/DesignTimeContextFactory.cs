using GradientService.Api.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace GradientService.Api.Storage;

/// <summary>
/// Lets dotnet-ef build the contexts without starting the app. Every schema change is one migration in each set
/// (scripts/add-migration.sh Name): SQLite's under GradientDbContext, PostgreSQL's under PostgresDbContext.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<GradientDbContext>
{
    public GradientDbContext CreateDbContext(string[] args) =>
        new(SqliteStoreProvider.Use(new DbContextOptionsBuilder<GradientDbContext>(), "Data Source=design-time.db").Options);
}

/// <summary>PostgreSQL's design-time context (no connection is opened to add a migration).</summary>
public sealed class PostgresDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(PostgresStoreProvider.Use(new DbContextOptionsBuilder<PostgresDbContext>(), NpgsqlDataSource.Create("Host=localhost;Database=design-time")).Options);
}
