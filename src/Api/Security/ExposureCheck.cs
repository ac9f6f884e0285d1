using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GradientService.Api.Security;

/// <summary>
/// Once the server listens: an address other machines can reach (anything but loopback) without an API key is logged
/// as critical at start, so an instance exposed by mistake says so loudly; with keys but open reads, a warning.
/// </summary>
public sealed class ExposureCheck(IServer server, IHostApplicationLifetime lifetime, ApiKey key, ILogger<ExposureCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        var exposed = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count == 0) return;
        var list = string.Join(", ", exposed);
        if (!key.Required) Log.ExposedWithoutKey(logger, list);
        else if (!key.ProtectsReads) Log.ReadsOpen(logger, list);
    }

    /// <summary>True for an address only this machine reaches: localhost, 127.0.0.0/8 and ::1. Wildcards (0.0.0.0, [::], *, +) and other hosts are not.</summary>
    public static bool IsLoopback(string address)
    {
        var host = Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
            UriKind.Absolute, out var uri) ? uri.Host : address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
