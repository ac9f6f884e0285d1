using System.Globalization;
using GradientService.Api.Diagnosis;
using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;
using GradientService.Core.Probes;
using GradientService.Core.Training;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Workers;

/// <summary>
/// Trains one claimed run (one DI scope per run): resume from its checkpoint, train on a dedicated thread feeding the
/// telemetry queue, store checkpoints, and record how it ended. On host shutdown the run is left resumable.
/// </summary>
public sealed class RunExecutor(
    RunStore store,
    ITrainerFactory factory,
    TelemetryQueue telemetry,
    ILiveFeed feed,
    LeaseKeeper leases,
    RunTheories theories,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<RunExecutor> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>Trains <paramref name="run"/>, claimed by this process; <paramref name="cancel"/> is its cancel handle.</summary>
    public async Task ExecuteAsync(RunRecord run, CancellationTokenSource cancel, CancellationToken stopping)
    {
        RunTap? tap = null;
        try
        {
            var spec = RunMapping.Spec(run);
            using var trainer = factory.Create(spec, _options.RunThreads(Environment.ProcessorCount));
            var model = trainer.Model;
            await store.SetModelAsync(run.Key, model, stopping);
            var start = 0;
            if (run.CheckpointStep > 0 && await store.LoadCheckpointAsync(run.Key, run.CheckpointStep, stopping) is { } checkpoint)
            {
                using var stream = new MemoryStream(checkpoint.Data, writable: false);
                trainer.LoadCheckpoint(stream);
                start = checkpoint.Step;
            }
            await store.TruncateAfterAsync(run.Key, start, stopping);
            tap = new RunTap(telemetry, new RunContext(run.Key, run.Id, model, _options.RecordEvery, spec.Training.Steps, start, _options.InstanceId),
                Detectors.Live(spec, model.Layers.Count));
            Log.RunStarted(logger, run.Id, _options.InstanceId, run.Attempts, start);
            feed.Publish(new RunStatusMessage(run.Id, RunStatus.Running, start, run.TotalSteps, null, Now));

            using var training = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, stopping);
            await using var lease = leases.Keep(run.Key, cancel);
            var result = await Task.Factory.StartNew(() => trainer.Run(record => OnStep(trainer, tap, record, spec.Training.Steps), training.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            if (lease.Lost)
            {
                Log.LeaseLost(logger, run.Id);
                await tap.FlushAsync(CancellationToken.None);
                return;
            }
            if (trainer.StepsDone > start) tap.Checkpoint(trainer.StepsDone, Save(trainer));
            if (result.Outcome == RunOutcome.Cancelled && stopping.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                await tap.FlushAsync(CancellationToken.None);
                await store.ReleaseLeaseAsync(run.Key, _options.InstanceId, CancellationToken.None);
                Log.RunSuspended(logger, run.Id, trainer.StepsDone);
                return;
            }
            tap.Finish(result.Divergence);
            await tap.FlushAsync(CancellationToken.None);
            var (status, reason) = result.Outcome switch
            {
                RunOutcome.Completed => (RunStatus.Completed, (string?)null),
                RunOutcome.Diverged => (RunStatus.Diverged, result.Divergence is { } div
                    ? string.Create(CultureInfo.InvariantCulture, $"Diverged at step {div.Step}{(div.Layer > 0 ? $", layer {div.Layer}" : "")}: {div.Reason}")
                    : "Diverged."),
                _ => (RunStatus.Cancelled, "Cancelled on request."),
            };
            await FinishAsync(run, status, reason, result.Divergence);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown before training began: nothing was recorded beyond the checkpoint; the run stays resumable.
            await store.ReleaseLeaseAsync(run.Key, _options.InstanceId, CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.RunFailed(logger, run.Id, e);
            if (tap is not null)
            {
                try
                {
                    tap.Finish(null);
                    await tap.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), clock);
                }
                catch (Exception) { /* the failure is recorded below; a recorder fault was logged by the recorder */ }
            }
            await FinishAsync(run, RunStatus.Failed, Reason(e), null);
        }
    }

    private void OnStep(Trainer trainer, RunTap tap, StepRecord record, int totalSteps)
    {
        tap.OnStep(record);
        if (record.Step % _options.CheckpointEvery == 0 && record.Step < totalSteps) tap.Checkpoint(record.Step, Save(trainer));
    }

    private async Task FinishAsync(RunRecord run, RunStatus status, string? reason, Divergence? divergence)
    {
        var finished = await store.FinishAsync(run.Key, _options.InstanceId, status, reason, divergence, CancellationToken.None);
        if (finished is null)
        {
            Log.LeaseLost(logger, run.Id); // another instance took the run over: its status is the new owner's to set
            return;
        }
        feed.Publish(RunMapping.ToStatusMessage(finished, Now));
        // Its diagnosis is complete when the run page first opens; a sweep's cells are read from the sweep map, and their
        // theories (~1 s of a core each) would take the cores the sweep's next cells train on.
        if (run.SweepId is null) theories.Prepare(run.Id, RunMapping.Spec(run));
        Log.RunFinished(logger, run.Id, status, finished.StepsDone);
    }

    private static byte[] Save(Trainer trainer)
    {
        using var stream = new MemoryStream();
        trainer.SaveCheckpoint(stream);
        return stream.ToArray();
    }

    private static string Reason(Exception e)
    {
        var message = $"{e.GetType().Name}: {e.Message}";
        return message.Length <= 2000 ? message : message[..2000];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
