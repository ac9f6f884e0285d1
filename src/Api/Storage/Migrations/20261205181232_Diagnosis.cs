using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GradientService.Api.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Diagnosis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "Runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Remedy",
                table: "Runs",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SweepCell",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SweepId",
                table: "Runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Episodes",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Track = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstStep = table.Column<int>(type: "INTEGER", nullable: false),
                    LastStep = table.Column<int>(type: "INTEGER", nullable: false),
                    Steps = table.Column<int>(type: "INTEGER", nullable: false),
                    Layer = table.Column<int>(type: "INTEGER", nullable: true),
                    Peak = table.Column<double>(type: "REAL", nullable: true),
                    PeakStep = table.Column<int>(type: "INTEGER", nullable: true),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Episodes", x => new { x.RunKey, x.Kind, x.Track, x.FirstStep });
                });

            migrationBuilder.CreateTable(
                name: "Sweeps",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Preset = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AxesJson = table.Column<string>(type: "TEXT", nullable: false),
                    BaseSpecJson = table.Column<string>(type: "TEXT", nullable: false),
                    Cells = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sweeps", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ParentId",
                table: "Runs",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_SweepId_SweepCell",
                table: "Runs",
                columns: new[] { "SweepId", "SweepCell" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_RunKey_FirstStep",
                table: "Episodes",
                columns: new[] { "RunKey", "FirstStep" });

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_CreatedAt",
                table: "Sweeps",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_Id",
                table: "Sweeps",
                column: "Id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Episodes");

            migrationBuilder.DropTable(
                name: "Sweeps");

            migrationBuilder.DropIndex(
                name: "IX_Runs_ParentId",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_SweepId_SweepCell",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Remedy",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "SweepCell",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "SweepId",
                table: "Runs");
        }
    }
}
