namespace GradientService.Api.Diagnosis;

/// <summary>
/// Where the service's CPU-heavy analyses run off the request path (a run's mean-field theory, a sweep's phase diagram):
/// one at a time, on one thread-pool thread. Each queued on the pool by itself, a burst of them (every feedforward run
/// that finishes starts its theory; a sweep's matrix starts its cells') held the pool's threads for seconds while the
/// requests' continuations waited behind them: on a 2-core host a sweep's matrix request once ran past its client's 100 s.
/// </summary>
public sealed class AnalysisLane
{
    private readonly TaskFactory _factory = new(CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskContinuationOptions.None,
        new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler);

    /// <summary>Queues <paramref name="work"/> behind the analyses already queued.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancel = default) => _factory.StartNew(work, cancel);
}
