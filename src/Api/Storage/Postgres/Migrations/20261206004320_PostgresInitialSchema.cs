using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GradientService.Api.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PostgresInitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => new { x.RunKey, x.Step });
                });

            migrationBuilder.CreateTable(
                name: "Episodes",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Track = table.Column<int>(type: "integer", nullable: false),
                    FirstStep = table.Column<int>(type: "integer", nullable: false),
                    LastStep = table.Column<int>(type: "integer", nullable: false),
                    Steps = table.Column<int>(type: "integer", nullable: false),
                    Layer = table.Column<int>(type: "integer", nullable: true),
                    Peak = table.Column<double>(type: "double precision", nullable: true),
                    PeakStep = table.Column<int>(type: "integer", nullable: true),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Episodes", x => new { x.RunKey, x.Kind, x.Track, x.FirstStep });
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Layer = table.Column<int>(type: "integer", nullable: true),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LayerChunks",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Layer = table.Column<int>(type: "integer", nullable: false),
                    Chunk = table.Column<int>(type: "integer", nullable: false),
                    Present = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LayerChunks", x => new { x.RunKey, x.Layer, x.Chunk });
                })
                .Annotation("Npgsql:StorageParameter:toast_tuple_target", 8160);

            migrationBuilder.CreateTable(
                name: "LayerRollups",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Field = table.Column<int>(type: "integer", nullable: false),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Stats = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LayerRollups", x => new { x.RunKey, x.Field, x.Bucket });
                })
                .Annotation("Npgsql:StorageParameter:toast_tuple_target", 8160);

            migrationBuilder.CreateTable(
                name: "OutputDepthSamples",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    GradNorms = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutputDepthSamples", x => new { x.RunKey, x.Step });
                });

            migrationBuilder.CreateTable(
                name: "RecurrentSamples",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Layer = table.Column<int>(type: "integer", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    SigmaMax = table.Column<double>(type: "double precision", nullable: true),
                    BoundFactor = table.Column<double>(type: "double precision", nullable: true),
                    ForgetGateMean = table.Column<double>(type: "double precision", nullable: true),
                    InputGateGradNorms = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecurrentGateGradNorms = table.Column<byte[]>(type: "bytea", nullable: false),
                    TimeLag = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurrentSamples", x => new { x.RunKey, x.Layer, x.Step });
                });

            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Preset = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SpecJson = table.Column<string>(type: "text", nullable: false),
                    Architecture = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Activation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Init = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Depth = table.Column<int>(type: "integer", nullable: false),
                    TotalSteps = table.Column<int>(type: "integer", nullable: false),
                    StepsDone = table.Column<int>(type: "integer", nullable: false),
                    CheckpointStep = table.Column<int>(type: "integer", nullable: false),
                    LayerCount = table.Column<int>(type: "integer", nullable: false),
                    LayersJson = table.Column<string>(type: "text", nullable: true),
                    RecurrentLayers = table.Column<int>(type: "integer", nullable: false),
                    ParameterCount = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DivergedStep = table.Column<int>(type: "integer", nullable: true),
                    DivergedLayer = table.Column<int>(type: "integer", nullable: true),
                    LastLoss = table.Column<double>(type: "double precision", nullable: true),
                    LastAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    LastTestLoss = table.Column<double>(type: "double precision", nullable: true),
                    LastTestAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    ClipEvents = table.Column<int>(type: "integer", nullable: false),
                    NonFiniteEvents = table.Column<int>(type: "integer", nullable: false),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Remedy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SweepId = table.Column<Guid>(type: "uuid", nullable: true),
                    SweepCell = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StepRollups",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Stats = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepRollups", x => new { x.RunKey, x.Bucket });
                })
                .Annotation("Npgsql:StorageParameter:toast_tuple_target", 8160);

            migrationBuilder.CreateTable(
                name: "Steps",
                columns: table => new
                {
                    RunKey = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Loss = table.Column<double>(type: "double precision", nullable: true),
                    TrainAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    TestLoss = table.Column<double>(type: "double precision", nullable: true),
                    TestAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    LearningRate = table.Column<double>(type: "double precision", nullable: true),
                    GradNormBefore = table.Column<double>(type: "double precision", nullable: true),
                    GradNormAfter = table.Column<double>(type: "double precision", nullable: true),
                    ClipScale = table.Column<double>(type: "double precision", nullable: true),
                    PopulationLoss = table.Column<double>(type: "double precision", nullable: true),
                    PopulationDiversity = table.Column<double>(type: "double precision", nullable: true),
                    Evaluations = table.Column<double>(type: "double precision", nullable: true),
                    Phase = table.Column<double>(type: "double precision", nullable: true),
                    Absent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Steps", x => new { x.RunKey, x.Step });
                });

            migrationBuilder.CreateTable(
                name: "Sweeps",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Preset = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AxesJson = table.Column<string>(type: "text", nullable: false),
                    BaseSpecJson = table.Column<string>(type: "text", nullable: false),
                    Cells = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sweeps", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_RunKey_FirstStep",
                table: "Episodes",
                columns: new[] { "RunKey", "FirstStep" });

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
                name: "IX_Runs_ParentId",
                table: "Runs",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status_CreatedAt",
                table: "Runs",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_SweepId_SweepCell",
                table: "Runs",
                columns: new[] { "SweepId", "SweepCell" });

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
                name: "Checkpoints");

            migrationBuilder.DropTable(
                name: "Episodes");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "LayerChunks");

            migrationBuilder.DropTable(
                name: "LayerRollups");

            migrationBuilder.DropTable(
                name: "OutputDepthSamples");

            migrationBuilder.DropTable(
                name: "RecurrentSamples");

            migrationBuilder.DropTable(
                name: "Runs");

            migrationBuilder.DropTable(
                name: "StepRollups");

            migrationBuilder.DropTable(
                name: "Steps");

            migrationBuilder.DropTable(
                name: "Sweeps");
        }
    }
}
