using System.Threading.Channels;

namespace GradientService.Api.Workers;

/// <summary>
/// Wakes idle workers when a run is submitted. The queue itself is the store (runs in Queued state, FIFO by key), so
/// queued runs survive restarts and several processes can share it; this is only the doorbell (capacity 1, extra rings dropped).
/// </summary>
public sealed class RunQueue
{
    private readonly Channel<bool> _bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => _bell.Writer.TryWrite(true);

    /// <summary>Waits for a ring or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancel)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, clock);
        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancel, timeoutSource.Token);
        try
        {
            await _bell.Reader.ReadAsync(timed.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // Timed out: look again anyway (expired leases of other processes need no ring).
        }
    }
}
