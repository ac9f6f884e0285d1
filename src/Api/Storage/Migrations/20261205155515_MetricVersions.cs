using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GradientService.Api.Storage.Migrations
{
    /// <inheritdoc />
    public partial class MetricVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Absent",
                table: "Steps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "LayerRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // rows written before this migration have layout 1

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "LayerChunks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // rows written before this migration have layout 1 (see ChunkCodec)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Absent",
                table: "Steps");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "LayerRollups");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "LayerChunks");
        }
    }
}
