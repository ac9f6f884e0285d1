using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GradientService.Api.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndPretrainingMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Evaluations",
                table: "Steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Phase",
                table: "Steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PopulationDiversity",
                table: "Steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PopulationLoss",
                table: "Steps",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Evaluations",
                table: "Steps");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "Steps");

            migrationBuilder.DropColumn(
                name: "PopulationDiversity",
                table: "Steps");

            migrationBuilder.DropColumn(
                name: "PopulationLoss",
                table: "Steps");
        }
    }
}
