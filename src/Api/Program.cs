var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.UseBlazorFrameworkFiles();
app.UseStaticFiles();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapFallbackToFile("index.html");

app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
