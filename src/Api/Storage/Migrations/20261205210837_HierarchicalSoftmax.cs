using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GradientService.Api.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HierarchicalSoftmax : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutputDepthSamples",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    GradNorms = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutputDepthSamples", x => new { x.RunKey, x.Step });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutputDepthSamples");
        }
    }
}
