using System.Collections.Concurrent;
using System.Threading.Channels;
using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GradientService.Api.Redis;

/// <summary>
/// The live feed of the scaled mode: every committed batch and status change goes to Redis pub/sub on its run's channel
/// (<c>{prefix}:live:{run}</c>), and an instance listens to a run's channel while one of its hub clients watches the run,
/// so a browser on any instance sees a run trained on any other. Publishing never waits on Redis: messages go through a
/// bounded queue and one sender (Redis keeps one connection's messages in order). Nothing is ever missed, only re-read:
/// a message lost on the way (Redis away, the queue full) shows as a gap in the publisher's numbering, and a gap or a
/// reconnect to Redis makes this instance's subscribers of the run reconnect and read what they missed from the store
/// (<see cref="RunSubscriptions.Resync"/>).
/// </summary>
public sealed class RedisLiveFeed(
    IConnectionMultiplexer redis,
    RunSubscriptions subscriptions,
    IOptions<RedisOptions> options,
    ILogger<RedisLiveFeed> logger) : BackgroundService, ILiveFeed
{
    private const int QueueCapacity = 10_000;
    private static readonly MessagePackSerializerOptions Serializer = ContractlessStandardResolver.Options;

    private readonly Guid _publisher = Guid.NewGuid();
    private readonly string _prefix = options.Value.ChannelPrefix;
    private readonly Channel<(Guid Run, FeedEnvelope Message)> _outgoing = Channel.CreateBounded<(Guid, FeedEnvelope)>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly ConcurrentDictionary<Guid, long> _published = new();
    private readonly Channel<object> _incoming = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _watchLock = new();
    private readonly Dictionary<Guid, Task> _watched = [];
    private readonly ConcurrentDictionary<Guid, (Guid Publisher, long Sequence)> _received = new();

    public void Publish(IReadOnlyList<TelemetryItem> committed)
    {
        foreach (var batch in CommittedBatches.Of(committed, _ => true)) Enqueue(batch.RunId, batch, null);
    }

    public void Publish(RunStatusMessage status)
    {
        Enqueue(status.RunId, null, status);
        if (status.Status.IsFinal()) _published.TryRemove(status.RunId, out _);
    }

    public ValueTask WatchAsync(Guid runId, CancellationToken cancel)
    {
        lock (_watchLock)
        {
            if (!_watched.TryGetValue(runId, out var subscribed) || subscribed.IsFaulted)
                _watched[runId] = subscribed = SubscribeAsync(runId);
            return new ValueTask(subscribed.WaitAsync(cancel));
        }
    }

    public IAsyncEnumerable<object> ReadAllAsync(CancellationToken cancel) => _incoming.Reader.ReadAllAsync(cancel);

    /// <summary>The sender: one message at a time, in order, fire-and-forget (a lost one shows as a gap at the receivers).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnReconnected;
        var publisher = redis.GetSubscriber();
        try
        {
            await foreach (var (run, message) in _outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await publisher.PublishAsync(ChannelOf(run), MessagePackSerializer.Serialize(message, Serializer), CommandFlags.FireAndForget);
                }
                catch (Exception e) when (e is RedisException or RedisTimeoutException or ObjectDisposedException)
                {
                    Log.FeedPublishFailed(logger, run, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
        finally
        {
            redis.ConnectionRestored -= OnReconnected;
        }
    }

    private void Enqueue(Guid run, StepBatch? batch, RunStatusMessage? status)
    {
        var sequence = _published.AddOrUpdate(run, 1, (_, last) => last + 1);
        _outgoing.Writer.TryWrite((run, new FeedEnvelope(_publisher, sequence, batch, status))); // full: dropped, a gap downstream
    }

    private async Task SubscribeAsync(Guid runId)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(ChannelOf(runId));
        queue.OnMessage(message => Receive(runId, message.Message));
    }

    private void Receive(Guid runId, RedisValue value)
    {
        if (!subscriptions.Has(runId))
        {
            Unwatch(runId);
            return;
        }
        FeedEnvelope message;
        try
        {
            message = MessagePackSerializer.Deserialize<FeedEnvelope>((ReadOnlyMemory<byte>)value, Serializer);
        }
        catch (MessagePackSerializationException e)
        {
            Log.FeedMessageUnreadable(logger, runId, e);
            subscriptions.Resync(runId);
            return;
        }
        var expected = _received.TryGetValue(runId, out var last) ? last.Publisher == message.Publisher ? last.Sequence + 1 : 1 : message.Sequence;
        _received[runId] = (message.Publisher, message.Sequence);
        if (message.Sequence != expected)
        {
            Log.FeedGap(logger, runId, expected, message.Sequence);
            subscriptions.Resync(runId);
        }
        _incoming.Writer.TryWrite(message.Payload);
    }

    /// <summary>Stops listening to a run nobody here watches any more (checked again under the lock: a new subscriber keeps it).</summary>
    private void Unwatch(Guid runId)
    {
        lock (_watchLock)
        {
            if (subscriptions.Has(runId) || !_watched.Remove(runId)) return;
            _received.TryRemove(runId, out _);
            redis.GetSubscriber().Unsubscribe(ChannelOf(runId), flags: CommandFlags.FireAndForget);
        }
    }

    /// <summary>Back on Redis after a break: what was published meanwhile is lost, so every subscriber here re-reads the store.</summary>
    private void OnReconnected(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription) return;
        Log.FeedReconnected(logger);
        _received.Clear();
        subscriptions.Resync();
    }

    private RedisChannel ChannelOf(Guid runId) => RedisChannel.Literal($"{_prefix}:live:{runId:N}");
}
