using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Redis;
using GradientService.Api.Security;
using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;

namespace GradientService.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// Queue, recorder, live feed, broadcaster, SignalR hub plumbing and metrics; in the scaled mode (Redis configured) the
    /// live feed and the hub's backplane go through Redis. The live feed is registered before the recorder, so it stops after it.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TelemetryQueue>();
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<RunSubscriptions>();
        services.AddScoped<Backfill>();
        services.AddScoped<DetectorReplay>();
        var signalR = services.AddSignalR(hub => hub.AddFilter<ApiKeyHubFilter>())
            .AddJsonProtocol(json => json.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)
            // Each client picks its protocol: JSON for scripts and other clients, MessagePack for the dashboard.
            .AddMessagePackProtocol(CompactDoubles.Use);
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            services.AddRedis(signalR, redis);
        }
        else
        {
            services.AddSingleton<ILiveFeed, InProcessLiveFeed>();
            services.AddSingleton(sp => new HubConnections(ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<RunsHub>>(sp)));
        }
        services.AddSingleton<HubLifetimeManager<RunsHub>>(sp => sp.GetRequiredService<HubConnections>());
        services.AddSingleton<ILiveTransport>(sp => sp.GetRequiredService<HubConnections>());
        services.AddHostedService<Recorder>();
        services.AddHostedService<Broadcaster>();
        return services;
    }
}
