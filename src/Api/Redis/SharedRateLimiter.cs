using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace GradientService.Api.Redis;

/// <summary>
/// A client's submission limit kept in Redis (RedisRateLimiting's fixed window), so it holds across every instance. While
/// Redis cannot be reached the instance's own window (<paramref name="local"/>) decides: a client is never refused, nor a
/// request failed, because Redis is away.
/// </summary>
public sealed class SharedRateLimiter(RateLimiter shared, RateLimiter local) : RateLimiter
{
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        try
        {
            return shared.AttemptAcquire(permitCount);
        }
        catch (Exception e) when (IsRedisDown(e))
        {
            return local.AttemptAcquire(permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return await shared.AcquireAsync(permitCount, cancellationToken);
        }
        catch (Exception e) when (IsRedisDown(e))
        {
            return await local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }
        base.Dispose(disposing);
    }

    private static bool IsRedisDown(Exception e) => e is RedisException or RedisTimeoutException;
}
