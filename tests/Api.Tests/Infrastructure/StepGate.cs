namespace GradientService.Api.Tests.Infrastructure;

/// <summary>A one-shot hold before a step: the training thread waits there until the test opens it.</summary>
public sealed class StepGate
{
    private readonly ManualResetEventSlim _open = new(false);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a trainer is waiting at the gate.</summary>
    public Task Held => _held.Task.WaitAsync(RunWaiter.Timeout);

    public void Open() => _open.Set();

    /// <summary>On the training thread: true to go on, false when cancelled while held.</summary>
    internal bool Wait(CancellationToken cancel)
    {
        _held.TrySetResult();
        try
        {
            _open.Wait(cancel);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
