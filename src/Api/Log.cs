namespace GradientService.Api;

/// <summary>Source-generated log messages of the service (event ids grouped by area).</summary>
public static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Database ready; {Count} migrations applied")]
    public static partial void MigrationsApplied(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Warning, "Warming the run page's queries failed (the first run page opened reads cold)")]
    public static partial void WarmupFailed(ILogger logger, Exception exception);

    [LoggerMessage(100, LogLevel.Information, "Run {RunId} queued ({Name})")]
    public static partial void RunQueued(ILogger logger, Guid runId, string? name);

    [LoggerMessage(101, LogLevel.Information, "Run {RunId} started on {Owner} (attempt {Attempt}) from step {Step}")]
    public static partial void RunStarted(ILogger logger, Guid runId, string owner, int attempt, int step);

    [LoggerMessage(102, LogLevel.Information, "Run {RunId} finished as {Status} after {Steps} steps")]
    public static partial void RunFinished(ILogger logger, Guid runId, Contracts.Wire.RunStatus status, int steps);

    [LoggerMessage(103, LogLevel.Error, "Run {RunId} failed")]
    public static partial void RunFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Run {RunId} paused at step {Step} for shutdown; it resumes from its checkpoint")]
    public static partial void RunSuspended(ILogger logger, Guid runId, int step);

    [LoggerMessage(105, LogLevel.Warning, "Run {RunId} lost its lease; stopping it here")]
    public static partial void LeaseLost(ILogger logger, Guid runId);

    [LoggerMessage(106, LogLevel.Error, "Worker slot {Slot} failed outside a run; it retries after the poll interval")]
    public static partial void WorkerLoopFailed(ILogger logger, int slot, Exception exception);

    [LoggerMessage(200, LogLevel.Error, "Recorder batch of {Items} items failed")]
    public static partial void RecorderFailed(ILogger logger, int items, Exception exception);

    [LoggerMessage(201, LogLevel.Debug, "Recorder committed {Steps} steps in {Milliseconds} ms")]
    public static partial void BatchCommitted(ILogger logger, int steps, double milliseconds);

    [LoggerMessage(202, LogLevel.Warning, "Recorder batch of {Items} items failed (attempt {Attempt}); the store may be restarting, it is written again in {Milliseconds} ms")]
    public static partial void RecorderRetrying(ILogger logger, int items, int attempt, double milliseconds, Exception exception);

    [LoggerMessage(300, LogLevel.Information, "Hub client {ConnectionId} fell {Backlog} messages behind; disconnecting it")]
    public static partial void SlowClientDropped(ILogger logger, string connectionId, int backlog);

    [LoggerMessage(301, LogLevel.Debug, "Send to hub client {ConnectionId} failed")]
    public static partial void SendFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(302, LogLevel.Warning, "Live feed: publishing a message of run {RunId} to Redis failed; its watchers re-read the store")]
    public static partial void FeedPublishFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(303, LogLevel.Warning, "Live feed: run {RunId} expected message {Expected}, got {Sequence}; its watchers here re-read the store")]
    public static partial void FeedGap(ILogger logger, Guid runId, long expected, long sequence);

    [LoggerMessage(304, LogLevel.Warning, "Live feed: an unreadable message on run {RunId}'s channel; its watchers here re-read the store")]
    public static partial void FeedMessageUnreadable(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(305, LogLevel.Warning, "Live feed: reconnected to Redis; every watcher here re-reads the store")]
    public static partial void FeedReconnected(ILogger logger);

    [LoggerMessage(306, LogLevel.Information, "Disconnected {Count} hub subscriptions so their clients re-read what they missed from the store")]
    public static partial void SubscribersResynced(ILogger logger, int count);

    [LoggerMessage(400, LogLevel.Error, "Unhandled exception on {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(500, LogLevel.Critical, "EXPOSED WITHOUT AN API KEY: listening on {Addresses}, reachable from other machines, and anyone who can reach it may submit, cancel and delete runs. Configure Security:Keys (scripts/api-key.sh makes a key and its line) or bind to 127.0.0.1 only.")]
    public static partial void ExposedWithoutKey(ILogger logger, string addresses);

    [LoggerMessage(501, LogLevel.Warning, "Listening on {Addresses} with API keys for writes; reads (runs, series, the live stream) are open to anyone who can reach it. Set Security:ProtectReads to require a key for them too.")]
    public static partial void ReadsOpen(ILogger logger, string addresses);
}
