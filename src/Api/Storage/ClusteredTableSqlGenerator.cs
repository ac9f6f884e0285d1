using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Update;

namespace GradientService.Api.Storage;

/// <summary>
/// Creates <see cref="GradientDbContext.ClusteredTables"/> as WITHOUT ROWID tables: the rows live in the primary-key
/// b-tree, so a layer's series is one contiguous range read and the table is about half the size
/// (https://sqlite.org/withoutrowid.html). EF Core has no switch for this, so the SQLite generator is extended here.
/// </summary>
#pragma warning disable EF1001 // SqliteMigrationsSqlGenerator is internal API; the override only appends a table option.
public sealed class ClusteredTableSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (!GradientDbContext.ClusteredTables.Contains(operation.Name))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }
        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (!terminate) return;
        builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
        EndStatement(builder);
    }
}
#pragma warning restore EF1001
