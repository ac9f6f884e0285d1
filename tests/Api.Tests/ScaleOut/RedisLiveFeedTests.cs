using GradientService.Api.Hubs;
using GradientService.Api.Options;
using GradientService.Api.Redis;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using GradientService.Tests.Shared;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace GradientService.Api.Tests.ScaleOut;

/// <summary>Two instances' live feeds on one real Redis: what one publishes, the other's watchers get, in order; a lost message sends them to the store.</summary>
public sealed class RedisLiveFeedTests : IAsyncLifetime
{
    private readonly Guid _run = Guid.NewGuid();
    private readonly string _prefix = "test" + Guid.NewGuid().ToString("N")[..8];
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _publisherConnection = null!;
    private ConnectionMultiplexer _watcherConnection = null!;
    private RedisLiveFeed _publisher = null!;
    private RedisLiveFeed _watcher = null!;
    private RunSubscriptions _watchers = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _publisherConnection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        _watcherConnection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var options = MsOptions.Create(new RedisOptions { ConnectionString = _redis.ConnectionString, ChannelPrefix = _prefix });
        var streaming = MsOptions.Create(new StreamingOptions());
        _publisher = new RedisLiveFeed(_publisherConnection, new RunSubscriptions(new FakeHub(), streaming, NullLogger<RunSubscriptions>.Instance), options, NullLogger<RedisLiveFeed>.Instance);
        _watchers = new RunSubscriptions(new FakeHub(), streaming, NullLogger<RunSubscriptions>.Instance);
        _watcher = new RedisLiveFeed(_watcherConnection, _watchers, options, NullLogger<RedisLiveFeed>.Instance);
        await _publisher.StartAsync(CancellationToken.None);
        await _watcher.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _publisher.StopAsync(CancellationToken.None);
        await _watcher.StopAsync(CancellationToken.None);
        await _publisherConnection.DisposeAsync();
        await _watcherConnection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private RunStatusMessage Status(int steps, RunStatus status = RunStatus.Running) => new(_run, status, steps, 100, null, DateTime.UnixEpoch);

    private async Task<List<RunStatusMessage>> ReadAsync(int count)
    {
        using var timeout = new CancellationTokenSource(RunWaiter.Timeout);
        var read = new List<RunStatusMessage>();
        await foreach (var message in _watcher.ReadAllAsync(timeout.Token))
        {
            read.Add(Assert.IsType<RunStatusMessage>(message));
            if (read.Count == count) break;
        }
        return read;
    }

    [Fact]
    public async Task Publish_WatchedOnAnotherInstance_ArrivesThereInOrderAndTheWatcherStays()
    {
        var caller = new FakeCaller("watcher");
        _watchers.Add(_run, caller);
        await _watcher.WatchAsync(_run, CancellationToken.None);

        for (var step = 1; step <= 50; step++) _publisher.Publish(Status(step));
        _publisher.Publish(Status(100, RunStatus.Completed));

        var read = await ReadAsync(51);
        Assert.Equal([.. Enumerable.Range(1, 50), 100], read.Select(s => s.StepsDone));
        Assert.Equal(RunStatus.Completed, read[^1].Status);
        Assert.False(caller.Aborted);
    }

    [Fact]
    public async Task Receive_APublishersMessageMissing_WatchersAreSentToTheStore()
    {
        var caller = new FakeCaller("watcher");
        _watchers.Add(_run, caller);
        await _watcher.WatchAsync(_run, CancellationToken.None);
        var publisher = Guid.NewGuid();
        var channel = RedisChannel.Literal($"{_prefix}:live:{_run:N}");
        byte[] Envelope(long sequence) => MessagePackSerializer.Serialize(new FeedEnvelope(publisher, sequence, null, Status((int)sequence)), ContractlessStandardResolver.Options);

        await _publisherConnection.GetSubscriber().PublishAsync(channel, Envelope(7));
        await _publisherConnection.GetSubscriber().PublishAsync(channel, Envelope(8));
        Assert.Equal([7, 8], (await ReadAsync(2)).Select(s => s.StepsDone));
        Assert.False(caller.Aborted);

        await _publisherConnection.GetSubscriber().PublishAsync(channel, Envelope(10)); // 9 was lost on the way
        Assert.Equal([10], (await ReadAsync(1)).Select(s => s.StepsDone));
        Assert.True(caller.Aborted);
        Assert.False(_watchers.Has(_run));
    }
}
