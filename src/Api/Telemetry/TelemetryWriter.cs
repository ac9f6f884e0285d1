using GradientService.Api.Storage;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The recorder's writer on any engine: walks a batch in queue order and keeps each run's open layer chunk and rollup
/// buckets (<see cref="RunAccumulators"/>), run progress and the newest state of each episode. The engine's subclass
/// (<see cref="SqliteTelemetryWriter"/>, <see cref="PostgresTelemetryWriter"/>) stores the rows, one transaction per batch.
/// <para>
/// Each batch first reads and locks the row of every run in it (<see cref="LockLeaseOwner"/>) and drops the items of a run
/// whose lease owner is no longer the one it is trained under (<see cref="RunContext.LeaseOwner"/>): an instance that lost
/// its lease (it stalled past the lease while another instance took the run over and truncated it to its checkpoint, or
/// finished it) stops writing at once, instead of storing steps the new owner stores too or failing on them. The lock
/// orders the batch against a claim of the run: a claim committed first is seen, one after waits for the batch.
/// </para>
/// </summary>
public abstract partial class TelemetryWriter(int checkpointsKept, TimeProvider clock) : ITelemetryWriter
{
    private readonly Dictionary<RunTap, Progress> _progress = [];

    /// <summary>The batch whose commit failed in doubt (its size and first item), to be written again before any other.</summary>
    private (int Count, TelemetryItem First)? _inDoubt;

    /// <summary>The runs of the batch (checked) and those of them another instance took over (their items are dropped).</summary>
    private readonly HashSet<RunTap> _checked = [], _takenOver = [];

    /// <summary>Checkpoints kept per run (the newest); older ones are deleted with each new one.</summary>
    protected int CheckpointsKept { get; } = checkpointsKept;

    public void WriteBatch(IReadOnlyList<TelemetryItem> items)
    {
        if (_inDoubt is { } doubt)
        {
            if (items.Count != doubt.Count || !ReferenceEquals(items[0], doubt.First))
                throw new InvalidOperationException("A batch whose commit is in doubt must be written again before any other.");
            var committed = CommittedInDoubt(); // throws while the store does not answer: still in doubt
            _inDoubt = null;
            if (committed) return; // the state is already past the batch
            RestoreTouched();
        }
        _progress.Clear();
        _episodes.Clear();
        _touched.Clear();
        try
        {
            Begin();
            FenceTakenOverRuns(items);
            foreach (var item in items)
            {
                if (_takenOver.Contains(item.Run)) continue;
                switch (item)
                {
                    case StepFrame frame:
                        WriteStep(frame);
                        break;
                    case CheckpointItem checkpoint:
                        WriteCheckpoint(checkpoint.Run.RunKey, checkpoint.Step, checkpoint.Data, clock.GetUtcNow().UtcDateTime);
                        var touched = Touch(checkpoint.Run);
                        touched.Checkpoint = Math.Max(touched.Checkpoint, checkpoint.Step);
                        break;
                    case EventItem e:
                        WriteEvent(e.Run, e.Message);
                        break;
                    case EpisodesItem e:
                        GatherEpisodes(e.Run, e.Episodes);
                        break;
                }
            }
            WriteEpisodes();
            foreach (var (run, progress) in _progress)
            {
                var state = State(run);
                if (state.Chunks.Present != 0) Write(run.RunKey, state.Chunks);
                if (state.Rollups.Count > 0) Write(run.RunKey, state.Rollups);
                if (state.StepRollups.Count > 0) Write(run.RunKey, state.StepRollups);
                WriteProgress(run.RunKey, progress);
            }
            Commit();
        }
        catch
        {
            Rollback();
            if (CommitInDoubt) _inDoubt = (items.Count, items[0]);
            else RestoreTouched();
            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> (thrown by <see cref="WriteBatch"/>) may pass: the store was unreachable or restarting.
    /// Nothing of the batch was stored and the writer is as before it (or, when the connection broke during the commit, it
    /// finds out at the next call whether the store committed), so the caller writes the same items again.
    /// </summary>
    public virtual bool IsTransient(Exception e) => false;

    public abstract void Dispose();

    /// <summary>The last <see cref="Commit"/> failed without the store's answer: the batch may or may not be stored.</summary>
    protected virtual bool CommitInDoubt => false;

    /// <summary>Asks the store whether the batch whose commit was in doubt was committed (throws while it does not answer).</summary>
    protected virtual bool CommittedInDoubt() => false;

    protected abstract void Begin();

    /// <summary>The run's lease owner (null when none or no such run), its row locked until the batch ends.</summary>
    protected abstract string? LockLeaseOwner(long runKey);

    protected abstract void Commit();

    protected abstract void Rollback();

    /// <summary>The step's row, its recurrent samples and its output-depth sample.</summary>
    protected abstract void WriteStepRows(StepFrame frame);

    /// <summary>
    /// One row per layer for the run's open chunk: an upsert when <see cref="ChunkBuffer.Stored"/> (a partial chunk is
    /// rewritten when it fills up), else new rows. The same holds for the rollups.
    /// </summary>
    protected abstract void WriteChunks(long runKey, ChunkBuffer chunks);

    /// <summary>One row per layer metric for the run's open bucket, every layer's statistics in it (an upsert).</summary>
    protected abstract void WriteRollups(long runKey, RollupAccumulator rollups);

    /// <summary>The run's open bucket of the scalar step fields (an upsert, rewritten until the bucket is complete).</summary>
    protected abstract void WriteStepRollup(long runKey, StepRollupAccumulator rollup);

    protected abstract void WriteEventRow(long runKey, RunEventMessage e);

    /// <summary>The newest state of an episode (an upsert on run, kind, track and first step).</summary>
    protected abstract void WriteEpisode(long runKey, EpisodeState e);

    /// <summary>Stores a checkpoint (an upsert) and deletes all but the newest <see cref="CheckpointsKept"/> of the run.</summary>
    protected abstract void WriteCheckpoint(long runKey, int step, byte[] data, DateTime now);

    /// <summary>Advances the run's row: steps done, last values, event counts, checkpoint step.</summary>
    protected abstract void WriteProgress(long runKey, Progress progress);

    private void FenceTakenOverRuns(IReadOnlyList<TelemetryItem> items)
    {
        _checked.Clear();
        _takenOver.Clear();
        foreach (var item in items)
        {
            if (_checked.Add(item.Run) && !string.Equals(LockLeaseOwner(item.Run.RunKey), item.Run.Context.LeaseOwner, StringComparison.Ordinal))
                _takenOver.Add(item.Run);
        }
    }

    private void WriteStep(StepFrame f)
    {
        var key = f.Run.RunKey;
        WriteStepRows(f);
        foreach (var e in f.Events) WriteEvent(f.Run, e);
        GatherEpisodes(f.Run, f.Episodes);

        var state = State(f.Run);
        var chunks = state.Chunks;
        var chunk = LayerChunk.ChunkOf(f.Step);
        if (chunks.Chunk != chunk)
        {
            if (chunks.Present != 0) Write(key, chunks);
            chunks.Reset(chunk);
        }
        chunks.Add(f.Step, f.Layers);

        var rollups = state.Rollups;
        var bucket = LayerRollup.BucketOf(f.Step);
        if (rollups.Bucket != bucket)
        {
            if (rollups.Count > 0) Write(key, rollups);
            rollups.Reset(bucket);
        }
        rollups.Add(f.Layers);

        var stepRollups = state.StepRollups;
        if (stepRollups.Bucket != bucket)
        {
            if (stepRollups.Count > 0) Write(key, stepRollups);
            stepRollups.Reset(bucket);
        }
        stepRollups.Add(f);

        var progress = Touch(f.Run);
        progress.Step = Math.Max(progress.Step, f.Step);
        progress.Loss = f.Loss;
        progress.Accuracy = double.IsNaN(f.TrainAccuracy) ? progress.Accuracy : f.TrainAccuracy;
        if (!double.IsNaN(f.TestLoss)) progress.TestLoss = f.TestLoss;
        if (!double.IsNaN(f.TestAccuracy)) progress.TestAccuracy = f.TestAccuracy;
    }

    private void Write(long runKey, ChunkBuffer chunks)
    {
        WriteChunks(runKey, chunks);
        chunks.Stored = true;
    }

    private void Write(long runKey, RollupAccumulator rollups)
    {
        WriteRollups(runKey, rollups);
        rollups.Stored = true;
    }

    private void Write(long runKey, StepRollupAccumulator rollup)
    {
        WriteStepRollup(runKey, rollup);
        rollup.Stored = true;
    }

    private void WriteEvent(RunTap run, RunEventMessage e)
    {
        WriteEventRow(run.RunKey, e);
        var progress = Touch(run);
        if (e.Kind == RunEventKinds.Clipping) progress.ClipEvents++;
        else if (e.Kind == RunEventKinds.NonFinite) progress.NonFiniteEvents++;
    }

    private Progress Touch(RunTap run)
    {
        if (!_progress.TryGetValue(run, out var progress)) _progress[run] = progress = new Progress();
        return progress;
    }

    /// <summary>What a batch advanced of one run.</summary>
    protected sealed class Progress
    {
        public int Step, ClipEvents, NonFiniteEvents, Checkpoint;
        public double? Loss, Accuracy, TestLoss, TestAccuracy;
    }
}
