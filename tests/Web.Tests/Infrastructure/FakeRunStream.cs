using GradientService.Contracts.Wire;
using GradientService.Web.Live;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>Stands in for the hub connection: records subscriptions and lets a test play the hub's part.</summary>
public sealed class FakeRunStream : IRunStream
{
    public List<Subscription> Subscriptions { get; } = [];

    public LinkState State { get; set; } = LinkState.Live;

    public int Reconnects { get; set; }

    /// <summary>While set, a subscription is answered only when the test completes it (a hub slow to answer).</summary>
    public TaskCompletionSource? Held { get; set; }

    public async Task<IAsyncDisposable> SubscribeAsync(Guid runId, int lastStep, IRunObserver observer, LiveView? view = null, CancellationToken cancel = default)
    {
        var subscription = new Subscription(runId, lastStep, observer, view);
        Subscriptions.Add(subscription);
        observer.OnLinkChanged(State);
        if (Held is { } held) await held.Task;
        return subscription;
    }

    public sealed class Subscription(Guid runId, int lastStep, IRunObserver observer, LiveView? view) : IAsyncDisposable
    {
        public LiveView? View { get; } = view;

        public Guid RunId { get; } = runId;

        public int LastStep { get; } = lastStep;

        public IRunObserver Observer { get; } = observer;

        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
