using GradientService.Contracts.Wire;
using GradientService.Web.Live;

namespace GradientService.Web.Tests.Infrastructure;

/// <summary>Stands in for the hub connection: records subscriptions and lets a test play the hub's part.</summary>
public sealed class FakeRunStream : IRunStream
{
    public List<Subscription> Subscriptions { get; } = [];

    public LinkState State { get; set; } = LinkState.Live;

    public int Reconnects { get; set; }

    public Task<IAsyncDisposable> SubscribeAsync(Guid runId, int lastStep, IRunObserver observer, LiveView? view = null, CancellationToken cancel = default)
    {
        var subscription = new Subscription(runId, lastStep, observer, view);
        Subscriptions.Add(subscription);
        observer.OnLinkChanged(State);
        return Task.FromResult<IAsyncDisposable>(subscription);
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
