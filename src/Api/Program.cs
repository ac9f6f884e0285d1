using GradientService.Api;
using GradientService.Api.Endpoints;
using GradientService.Api.Health;
using GradientService.Api.Hubs;
using GradientService.Api.Problems;
using GradientService.Contracts.Wire;

var builder = WebApplication.CreateBuilder(args);
builder.AddGradientService();

var app = builder.Build();
app.UseGradientService();

app.MapRunsEndpoints();
app.MapSeriesEndpoints();
app.MapEventsEndpoints();
app.MapCompareEndpoints();
app.MapExportEndpoints();
app.MapPresetsEndpoints();
app.MapTheoryEndpoints();
app.MapDoyaLabEndpoints();
app.MapSweepsEndpoints();
app.MapDiagnosisEndpoints();
app.MapHealthEndpoints();
app.MapHub<RunsHub>(HubRoutes.Runs);
app.MapApiFallback();
app.MapFallbackToFile("index.html");

app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
