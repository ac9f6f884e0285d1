using System.Threading.Channels;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.SignalR;

namespace GradientService.Api.Hubs;

/// <summary>
/// One connection's subscription to one run: a bounded outbox filled by the broadcaster and drained by this
/// subscriber's own send loop, so a slow socket delays nobody else. The loop starts after the backfill and skips every
/// step the backfill already sent. With a <see cref="LiveView"/> the loop sends <see cref="LiveDigest"/>s instead, at
/// most the view's updates per second (timed by <paramref name="clock"/>, the system's by default), each folding the
/// steps queued since the last one (a large burst spread over the next few: <see cref="DigestPacer"/>).
/// </summary>
public sealed class Subscriber(Guid runId, HubCallerContext context, int backlog, LiveView? view = null, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private readonly Channel<LiveMessage> _outbox = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(backlog)
    {
        FullMode = BoundedChannelFullMode.Wait, // never used: TryWrite fails instead and the client is dropped
        SingleReader = true,
    });

    public Guid RunId { get; } = runId;

    public HubCallerContext Context { get; } = context;

    public string ConnectionId => Context.ConnectionId;

    public int Backlog => _outbox.Reader.Count;

    /// <summary>False when the outbox is full: the client stopped reading.</summary>
    public bool TryDeliver(LiveMessage message) => _outbox.Writer.TryWrite(message);

    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>
    /// Sends queued messages in order through <paramref name="send"/>, leaving out steps up to <paramref name="sentThrough"/>:
    /// a batch the backfill did not reach goes as it is (serialised once for every subscriber), an overlapping one trimmed.
    /// </summary>
    public async Task SendLoopAsync(Func<LiveMessage, ValueTask> send, int sentThrough, Action<Exception> onError)
    {
        if (view is not null)
        {
            await SendDigestsAsync(send, sentThrough, view, onError);
            return;
        }
        await foreach (var message in _outbox.Reader.ReadAllAsync())
        {
            try
            {
                if (message.Payload is StepBatch batch)
                {
                    if (Trim(batch, sentThrough) is not { } fresh) continue;
                    await send(ReferenceEquals(fresh, batch) ? message : new LiveMessage(fresh));
                    sentThrough = Math.Max(sentThrough, fresh.LastStep);
                }
                else
                {
                    await send(message);
                }
            }
            catch (Exception e)
            {
                onError(e);
                Context.Abort();
                return;
            }
        }
    }

    /// <summary>
    /// Drains the outbox into digests, one per view interval: the steps read go out in this update, or over the next few
    /// when they came as one large burst (<see cref="DigestPacer"/>); a status change goes right after every step before
    /// it. Between updates the next steps queue up.
    /// </summary>
    private async Task SendDigestsAsync(Func<LiveMessage, ValueTask> send, int sentThrough, LiveView live, Action<Exception> onError)
    {
        var digest = new LiveDigestBuilder(RunId, live);
        var interval = TimeSpan.FromSeconds(1.0 / live.UpdatesPerSecond);
        var pacer = new DigestPacer(interval);
        var reader = _outbox.Reader;
        var origin = _clock.GetTimestamp();
        List<StepBatch> burst = [];
        try
        {
            // While steps are held back for the next updates the loop keeps its interval; otherwise it waits for steps.
            while (!pacer.IsEmpty || await reader.WaitToReadAsync())
            {
                var started = _clock.GetTimestamp();
                while (reader.TryRead(out var message))
                {
                    if (message.Whole is { } batch)
                    {
                        if (Trim(batch, sentThrough) is not { } fresh) continue;
                        burst.Add(fresh);
                        sentThrough = Math.Max(sentThrough, fresh.LastStep);
                        continue;
                    }
                    pacer.Add(burst, _clock.GetElapsedTime(origin));
                    burst.Clear();
                    foreach (var part in pacer.All()) digest.Add(part);
                    if (!digest.IsEmpty) await send(new LiveMessage(digest.Take()));
                    await send(message);
                }
                pacer.Add(burst, _clock.GetElapsedTime(origin));
                burst.Clear();
                foreach (var part in pacer.Next()) digest.Add(part);
                if (!digest.IsEmpty) await send(new LiveMessage(digest.Take()));
                var rest = interval - _clock.GetElapsedTime(started);
                if (rest > TimeSpan.Zero) await Task.Delay(rest, _clock);
            }
        }
        catch (Exception e)
        {
            onError(e);
            Context.Abort();
        }
    }

    /// <summary>
    /// The part of <paramref name="batch"/> after <paramref name="sentThrough"/>, or null when nothing is new. Of its
    /// episodes, an open one last held at or before <paramref name="sentThrough"/> is older than the backfill's and is left
    /// out; a closed one is final and is kept.
    /// </summary>
    public static StepBatch? Trim(StepBatch batch, int sentThrough)
    {
        if (batch.FirstStep > sentThrough) return batch;
        List<RunEpisode> episodes = [.. batch.Episodes.Where(e => e.LastStep > sentThrough || !e.Open)];
        if (batch.LastStep <= sentThrough && episodes.Count == 0) return null;
        return DigestPacer.After(batch, sentThrough) with { Episodes = episodes };
    }
}
