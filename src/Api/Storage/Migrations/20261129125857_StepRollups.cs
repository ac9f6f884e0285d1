using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GradientService.Api.Storage.Migrations
{
    /// <inheritdoc />
    public partial class StepRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StepRollups",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Stats = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepRollups", x => new { x.RunKey, x.Bucket });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StepRollups");
        }
    }
}
