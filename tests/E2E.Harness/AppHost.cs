using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.E2E.Harness;

/// <summary>
/// The real product (the Api serving the dashboard, with the real engine) on real Kestrel at 127.0.0.1 and a free port,
/// over its own SQLite file. Development environment, so the dashboard's files are served from the build output.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gradientservice-e2e", Guid.NewGuid().ToString("N"));

    public AppHost()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses; // Kestrel always has the feature
        BaseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DatabasePath", Path.Combine(_folder, "gradients.db"));
        builder.UseSetting("Workers:PollInterval", "00:00:00.200");
        builder.UseSetting("Workers:ThreadsPerRun", "1"); // two cores: one trains, one serves the browser and the test
        builder.UseSetting("Security:SubmissionsPerWindow", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open on a slow shutdown; temp space */ }
    }
}
