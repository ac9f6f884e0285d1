using GradientService.Api.Hubs;
using GradientService.Api.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;
using RedisOptions = GradientService.Api.Options.RedisOptions;

namespace GradientService.Api.Redis;

public static class RedisRegistration
{
    /// <summary>
    /// The scaled mode's Redis (when <see cref="RedisOptions.ConnectionString"/> is set): one connection for the live feed
    /// and the shared rate limit, and SignalR's backplane. The instance starts, trains and stores while Redis is away.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, ISignalRServerBuilder signalR, RedisOptions redis)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Configuration(redis)));
        services.AddSingleton<RedisLiveFeed>();
        services.AddSingleton<ILiveFeed>(sp => sp.GetRequiredService<RedisLiveFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveFeed>());
        signalR.AddStackExchangeRedis(backplane =>
        {
            backplane.Configuration = Configuration(redis);
            backplane.Configuration.ChannelPrefix = RedisChannel.Literal(redis.ChannelPrefix);
        });
        services.AddSingleton(sp => new HubConnections(ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<RunsHub>>(sp)));
        return services;
    }

    /// <summary>Keeps retrying in the background when Redis is not there yet (a container started before it, a restart).</summary>
    private static ConfigurationOptions Configuration(RedisOptions redis)
    {
        var configuration = ConfigurationOptions.Parse(redis.ConnectionString!);
        configuration.AbortOnConnectFail = false;
        return configuration;
    }
}
