using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>One observer's subscription to one run; <see cref="LastStep"/> is the newest step delivered to it.</summary>
internal sealed class RunSubscription(RunStream owner, Guid runId, int lastStep, IRunObserver observer, LiveView? view) : IAsyncDisposable
{
    /// <summary>What the observer draws, negotiated with the hub (null: every step as it was recorded).</summary>
    public LiveView? View { get; } = view;

    public Guid RunId { get; } = runId;

    public IRunObserver Observer { get; } = observer;

    public int LastStep { get; set; } = lastStep;

    public bool Disposed { get; private set; }

    public ValueTask DisposeAsync()
    {
        if (Disposed) return ValueTask.CompletedTask;
        Disposed = true;
        return owner.RemoveAsync(this);
    }
}
