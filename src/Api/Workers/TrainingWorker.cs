using GradientService.Api.Options;
using GradientService.Api.Storage;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Workers;

/// <summary>
/// <see cref="WorkerOptions.ConcurrentRuns"/> slots; each claims the next run through the store (resumable runs
/// first, then FIFO), trains it in its own DI scope and moves on. A run's failure is the run's, never the slot's.
/// </summary>
public sealed class TrainingWorker(
    IServiceScopeFactory scopes,
    RunQueue queue,
    ActiveRuns active,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<TrainingWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, options.Value.ConcurrentRuns(Environment.ProcessorCount)).Select(slot => Task.Run(() => SlotAsync(slot, stoppingToken), CancellationToken.None)));

    private async Task SlotAsync(int slot, CancellationToken stoppingToken)
    {
        var worker = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<RunStore>();
                using var run = await active.ClaimAsync(keys => store.ClaimNextAsync(worker.InstanceId, worker.LeaseDuration, keys, stoppingToken), stoppingToken);
                if (run is null)
                {
                    await queue.WaitAsync(worker.PollInterval, clock, stoppingToken);
                    continue;
                }
                queue.Ring(); // another idle slot may take the next queued run
                await scope.ServiceProvider.GetRequiredService<RunExecutor>().ExecuteAsync(run.Record, run.Cancel, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.WorkerLoopFailed(logger, slot, e);
                try { await Task.Delay(worker.PollInterval, clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
