using System.Globalization;
using System.Threading.RateLimiting;
using GradientService.Api.Options;
using GradientService.Api.Redis;
using RedisRateLimiting;
using StackExchange.Redis;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Security;

public static class SecurityRegistration
{
    public const string SubmissionPolicy = "submissions";

    /// <summary>API key, submission rate limit (429 with Retry-After), CORS by configuration and the body-size limit.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityKeysValidation>();
        services.AddSingleton<ApiKey>();
        services.AddSingleton<ApiKeyHubFilter>();
        services.AddHostedService<ExposureCheck>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SubmissionPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
                FixedWindowRateLimiter Local() => new(new FixedWindowRateLimiterOptions { PermitLimit = options.SubmissionsPerWindow, Window = options.SubmissionWindow, QueueLimit = 0 });
                if (http.RequestServices.GetService<IConnectionMultiplexer>() is not { } redis) return RateLimitPartition.Get(client, _ => Local());
                // Scaled mode: one window per client across every instance, kept in Redis.
                var key = $"{http.RequestServices.GetRequiredService<IOptions<RedisOptions>>().Value.ChannelPrefix}:submissions:{client}";
                return RateLimitPartition.Get(client, _ => new SharedRateLimiter(
                    new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
                    {
                        ConnectionMultiplexerFactory = () => redis,
                        PermitLimit = options.SubmissionsPerWindow,
                        Window = options.SubmissionWindow,
                    }),
                    Local()));
            });
            limiter.OnRejected = async (context, cancel) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    title: "Too many submissions",
                    detail: $"The submission rate limit was reached; retry after {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        var origins = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.CorsOrigins ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Length > 0) policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
        }));
        return services;
    }
}
