using Microsoft.AspNetCore.SignalR.Client;

namespace GradientService.Web.Live;

/// <summary>Reconnects forever: at once, then after ¼, ½, 1 and 2 s, then every 2 s (a dashboard left open outlives a server restart).</summary>
internal sealed class ForeverRetry : IRetryPolicy
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        Delays[(int)Math.Min(retryContext.PreviousRetryCount, Delays.Length - 1)];
}
