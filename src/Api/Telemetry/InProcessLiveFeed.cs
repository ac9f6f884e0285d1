using System.Threading.Channels;
using GradientService.Api.Hubs;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The live feed of one process: an unbounded channel (the recorder never waits on the broadcaster). Only runs that
/// have a subscriber here are copied out of a committed batch; a client that subscribes later reads the store's backfill.
/// </summary>
public sealed class InProcessLiveFeed(RunSubscriptions subscriptions) : ILiveFeed
{
    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(IReadOnlyList<TelemetryItem> committed)
    {
        foreach (var batch in CommittedBatches.Of(committed, subscriptions.Has)) _channel.Writer.TryWrite(batch);
    }

    public void Publish(RunStatusMessage status) => _channel.Writer.TryWrite(status);

    public ValueTask WatchAsync(Guid runId, CancellationToken cancel) => ValueTask.CompletedTask; // every commit is this process's

    public IAsyncEnumerable<object> ReadAllAsync(CancellationToken cancel) => _channel.Reader.ReadAllAsync(cancel);
}
