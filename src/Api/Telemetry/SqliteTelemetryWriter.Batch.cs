using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

// One batch = one transaction: steps, layer samples, rollups, recurrent samples, events, episodes, checkpoints and run progress.
public sealed partial class SqliteTelemetryWriter
{
    private readonly Dictionary<RunTap, Progress> _progress = [];

    public void WriteBatch(IReadOnlyList<TelemetryItem> items)
    {
        _progress.Clear();
        _episodes.Clear();
        Exec("BEGIN IMMEDIATE");
        try
        {
            foreach (var item in items)
            {
                switch (item)
                {
                    case StepFrame frame:
                        WriteStep(frame);
                        break;
                    case CheckpointItem checkpoint:
                        WriteCheckpoint(checkpoint);
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
                if (state.Chunks.Present != 0) WriteChunks(run.RunKey, state.Chunks);
                if (state.Rollups.Count > 0) WriteRollups(run.RunKey, state.Rollups);
                if (state.StepRollups.Count > 0) WriteStepRollup(run.RunKey, state.StepRollups);
                WriteProgress(run.RunKey, progress);
            }
            Exec("COMMIT");
        }
        catch
        {
            Exec("ROLLBACK");
            throw;
        }
    }

    private void WriteStep(StepFrame f)
    {
        var key = f.Run.RunKey;
        _step.Bind(1, key);
        _step.Bind(2, f.Step);
        for (var m = 0; m < StepMetrics.Count; m++) _step.Bind(3 + m, f.Find((StepMetric)m)); // the columns in ordinal order
        _step.Bind(3 + StepMetrics.Count, (long)f.Absent);
        _step.Run();
        for (var r = 0; r < f.Recurrent.Length; r++)
        {
            var s = f.Recurrent[r];
            _recurrent.Bind(1, key);
            _recurrent.Bind(2, r + 1);
            _recurrent.Bind(3, f.Step);
            _recurrent.Bind(4, s.SigmaMax);
            _recurrent.Bind(5, s.BoundFactor);
            _recurrent.Bind(6, s.ForgetGateMean);
            _recurrent.Bind(7, DoubleBlob.Pack(s.InputGateGradNorms));
            _recurrent.Bind(8, DoubleBlob.Pack(s.RecurrentGateGradNorms));
            if (f.HasTimeLag) _recurrent.Bind(9, DoubleBlob.Pack(s.TimeLag));
            else _recurrent.Bind(9, (double?)null);
            _recurrent.Run();
        }
        if (f.OutputDepthGradNorms.Length > 0)
        {
            _outputDepths.Bind(1, key);
            _outputDepths.Bind(2, f.Step);
            _outputDepths.Bind(3, DoubleBlob.Pack(f.OutputDepthGradNorms));
            _outputDepths.Run();
        }
        foreach (var e in f.Events) WriteEvent(f.Run, e);
        GatherEpisodes(f.Run, f.Episodes);

        var state = State(f.Run);
        var chunks = state.Chunks;
        var chunk = LayerChunk.ChunkOf(f.Step);
        if (chunks.Chunk != chunk)
        {
            if (chunks.Present != 0) WriteChunks(key, chunks);
            chunks.Reset(chunk);
        }
        chunks.Add(f.Step, f.Layers);

        var rollups = state.Rollups;
        var bucket = LayerRollup.BucketOf(f.Step);
        if (rollups.Bucket != bucket)
        {
            if (rollups.Count > 0) WriteRollups(key, rollups);
            rollups.Reset(bucket);
        }
        rollups.Add(f.Layers);

        var stepRollups = state.StepRollups;
        if (stepRollups.Bucket != bucket)
        {
            if (stepRollups.Count > 0) WriteStepRollup(key, stepRollups);
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

    /// <summary>One row per layer for the run's open chunk (an upsert: a partial chunk is rewritten when it fills up).</summary>
    private void WriteChunks(long runKey, ChunkBuffer chunks)
    {
        for (var layer = 1; layer <= chunks.Layers; layer++)
        {
            _chunk.Bind(1, runKey);
            _chunk.Bind(2, layer);
            _chunk.Bind(3, chunks.Chunk);
            _chunk.Bind(4, chunks.Present);
            var (version, data) = chunks.Packed(layer);
            _chunk.Bind(5, data.Span);
            _chunk.Bind(6, version);
            _chunk.Run();
        }
    }

    private void WriteEvent(RunTap run, RunEventMessage e)
    {
        _event.Bind(1, run.RunKey);
        _event.Bind(2, e.Step);
        _event.Bind(3, e.Kind);
        _event.Bind(4, e.Layer);
        _event.Bind(5, e.Value);
        _event.Bind(6, e.Message);
        _event.Run();
        var progress = Touch(run);
        if (e.Kind == RunEventKinds.Clipping) progress.ClipEvents++;
        else if (e.Kind == RunEventKinds.NonFinite) progress.NonFiniteEvents++;
    }

    private void WriteCheckpoint(CheckpointItem c)
    {
        _checkpoint.Bind(1, c.Run.RunKey);
        _checkpoint.Bind(2, c.Step);
        _checkpoint.Bind(3, c.Data);
        _checkpoint.Bind(4, _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        _checkpoint.Run();
        _prune.Bind(1, c.Run.RunKey);
        _prune.Bind(2, _checkpointsKept - 1);
        _prune.Run();
        var progress = Touch(c.Run);
        progress.Checkpoint = Math.Max(progress.Checkpoint, c.Step);
    }

    /// <summary>One row per layer metric for the run's open bucket, every layer's statistics in it.</summary>
    private void WriteRollups(long runKey, RollupAccumulator rollups)
    {
        for (var m = 0; m < LayerMetrics.Count; m++)
        {
            _rollup.Bind(1, runKey);
            _rollup.Bind(2, m);
            _rollup.Bind(3, rollups.Bucket);
            _rollup.Bind(4, rollups.Count);
            _rollup.Bind(5, rollups.Stats(m));
            _rollup.Bind(6, LayerRollup.Current);
            _rollup.Run();
        }
    }

    /// <summary>The run's open bucket of the scalar step fields (an upsert, rewritten until the bucket is complete).</summary>
    private void WriteStepRollup(long runKey, StepRollupAccumulator rollup)
    {
        _stepRollup.Bind(1, runKey);
        _stepRollup.Bind(2, rollup.Bucket);
        _stepRollup.Bind(3, rollup.Count);
        _stepRollup.Bind(4, rollup.Stats());
        _stepRollup.Run();
    }

    private void WriteProgress(long key, Progress p)
    {
        _progressUpdate.Bind(1, key);
        _progressUpdate.Bind(2, p.Step);
        _progressUpdate.Bind(3, p.Step > 0 ? p.Loss : null);
        _progressUpdate.Bind(4, p.Accuracy);
        _progressUpdate.Bind(5, p.TestLoss);
        _progressUpdate.Bind(6, p.TestAccuracy);
        _progressUpdate.Bind(7, p.ClipEvents);
        _progressUpdate.Bind(8, p.NonFiniteEvents);
        _progressUpdate.Bind(9, p.Checkpoint);
        _progressUpdate.Run();
    }

    private Progress Touch(RunTap run)
    {
        if (!_progress.TryGetValue(run, out var progress)) _progress[run] = progress = new Progress();
        return progress;
    }

    private sealed class Progress
    {
        public int Step, ClipEvents, NonFiniteEvents, Checkpoint;
        public double? Loss, Accuracy, TestLoss, TestAccuracy;
    }
}
