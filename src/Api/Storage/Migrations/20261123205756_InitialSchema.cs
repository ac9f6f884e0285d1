using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GradientService.Api.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => new { x.RunKey, x.Step });
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Layer = table.Column<int>(type: "INTEGER", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LayerChunks",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Layer = table.Column<int>(type: "INTEGER", nullable: false),
                    Chunk = table.Column<int>(type: "INTEGER", nullable: false),
                    Present = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LayerChunks", x => new { x.RunKey, x.Layer, x.Chunk });
                });

            migrationBuilder.CreateTable(
                name: "LayerRollups",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<int>(type: "INTEGER", nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Stats = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LayerRollups", x => new { x.RunKey, x.Field, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "RecurrentSamples",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Layer = table.Column<int>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    SigmaMax = table.Column<double>(type: "REAL", nullable: true),
                    BoundFactor = table.Column<double>(type: "REAL", nullable: true),
                    ForgetGateMean = table.Column<double>(type: "REAL", nullable: true),
                    InputGateGradNorms = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RecurrentGateGradNorms = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TimeLag = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurrentSamples", x => new { x.RunKey, x.Layer, x.Step });
                });

            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Preset = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SpecJson = table.Column<string>(type: "TEXT", nullable: false),
                    Architecture = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Activation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Init = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Depth = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalSteps = table.Column<int>(type: "INTEGER", nullable: false),
                    StepsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointStep = table.Column<int>(type: "INTEGER", nullable: false),
                    LayerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LayersJson = table.Column<string>(type: "TEXT", nullable: true),
                    RecurrentLayers = table.Column<int>(type: "INTEGER", nullable: false),
                    ParameterCount = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DivergedStep = table.Column<int>(type: "INTEGER", nullable: true),
                    DivergedLayer = table.Column<int>(type: "INTEGER", nullable: true),
                    LastLoss = table.Column<double>(type: "REAL", nullable: true),
                    LastAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    LastTestLoss = table.Column<double>(type: "REAL", nullable: true),
                    LastTestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    ClipEvents = table.Column<int>(type: "INTEGER", nullable: false),
                    NonFiniteEvents = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Steps",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Loss = table.Column<double>(type: "REAL", nullable: true),
                    TrainAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    TestLoss = table.Column<double>(type: "REAL", nullable: true),
                    TestAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    LearningRate = table.Column<double>(type: "REAL", nullable: true),
                    GradNormBefore = table.Column<double>(type: "REAL", nullable: true),
                    GradNormAfter = table.Column<double>(type: "REAL", nullable: true),
                    ClipScale = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Steps", x => new { x.RunKey, x.Step });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_RunKey_Kind_Step",
                table: "Events",
                columns: new[] { "RunKey", "Kind", "Step" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_RunKey_Step",
                table: "Events",
                columns: new[] { "RunKey", "Step" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Activation_CreatedAt",
                table: "Runs",
                columns: new[] { "Activation", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Architecture_CreatedAt",
                table: "Runs",
                columns: new[] { "Architecture", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_CreatedAt",
                table: "Runs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Id",
                table: "Runs",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Init_CreatedAt",
                table: "Runs",
                columns: new[] { "Init", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status_CreatedAt",
                table: "Runs",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Checkpoints");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "LayerChunks");

            migrationBuilder.DropTable(
                name: "LayerRollups");

            migrationBuilder.DropTable(
                name: "RecurrentSamples");

            migrationBuilder.DropTable(
                name: "Runs");

            migrationBuilder.DropTable(
                name: "Steps");
        }
    }
}
