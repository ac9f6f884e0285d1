using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Security;
using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;

namespace GradientService.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Queue, recorder, live feed, broadcaster, SignalR hub plumbing and metrics.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TelemetryQueue>();
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<RunSubscriptions>();
        services.AddSingleton<ILiveFeed, InProcessLiveFeed>();
        services.AddScoped<Backfill>();
        services.AddScoped<DetectorReplay>();
        services.AddHostedService<Recorder>();
        services.AddHostedService<Broadcaster>();
        services.AddSignalR(hub => hub.AddFilter<ApiKeyHubFilter>())
            .AddJsonProtocol(json => json.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)
            // Each client picks its protocol: JSON for scripts and other clients, MessagePack for the dashboard.
            .AddMessagePackProtocol();
        return services;
    }
}
