using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// The dashboard's one live connection to the runs hub. A subscription resumes by itself after a dropped connection,
/// asking the hub for every step after the last one it delivered, so the observer sees no gap.
/// (The interface exists for the component tests' stand-in; the app has one implementation, <see cref="RunStream"/>.)
/// </summary>
public interface IRunStream
{
    LinkState State { get; }

    /// <summary>Successful reconnects since the app started.</summary>
    int Reconnects { get; }

    /// <summary>Starts the connection ahead of the first subscription (the app shell does, while it idles); a failed start is left to the first subscription.</summary>
    Task ConnectAsync() => Task.CompletedTask;

    /// <summary>
    /// Streams <paramref name="runId"/> to <paramref name="observer"/> from the step after <paramref name="lastStep"/>; dispose
    /// to stop. With a <paramref name="view"/>, the live steps arrive as digests shaped to it (<see cref="IRunObserver.OnDigest"/>).
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(Guid runId, int lastStep, IRunObserver observer, LiveView? view = null, CancellationToken cancel = default);
}
