using GradientService.Api.Options;
using GradientService.Api.Storage;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Workers;

/// <summary>Renews a running run's lease every heartbeat and stops the run when the lease is lost or a cancel was requested in the store.</summary>
public sealed class LeaseKeeper(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, TimeProvider clock)
{
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly WorkerOptions _options = options.Value;
    private readonly TimeProvider _clock = clock;

    public Heartbeat Keep(long runKey, CancellationTokenSource run) => new(this, runKey, run);

    /// <summary>The heartbeat of one run; dispose to stop it.</summary>
    public sealed class Heartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        internal Heartbeat(LeaseKeeper keeper, long runKey, CancellationTokenSource run) => _loop = Task.Run(() => LoopAsync(keeper, runKey, run));

        /// <summary>True when another owner took the run (our lease expired); the run was stopped.</summary>
        public bool Lost { get; private set; }

        private async Task LoopAsync(LeaseKeeper keeper, long runKey, CancellationTokenSource run)
        {
            var worker = keeper._options;
            using var timer = new PeriodicTimer(worker.HeartbeatInterval, keeper._clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await using var scope = keeper._scopes.CreateAsyncScope();
                        var store = scope.ServiceProvider.GetRequiredService<RunStore>();
                        var (owned, cancelRequested) = await store.RenewLeaseAsync(runKey, worker.InstanceId, worker.LeaseDuration, _stop.Token);
                        if (!owned) Lost = true;
                        if (!owned || cancelRequested) await run.CancelAsync();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A busy or failing store: the lease is still valid until it expires; the next beat tries again.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
