using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GradientService.Api.Storage;

/// <summary>Lets dotnet-ef build the context without starting the app (migrations: dotnet ef migrations add Name --project src/Api).</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<GradientDbContext>
{
    public GradientDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<GradientDbContext>()
        .UseSqlite("Data Source=design-time.db")
        .ReplaceService<IMigrationsSqlGenerator, ClusteredTableSqlGenerator>()
        .Options);
}
