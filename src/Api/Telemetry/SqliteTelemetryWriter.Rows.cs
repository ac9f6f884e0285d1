using System.Data.Common;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using GradientService.Core.Detection;

namespace GradientService.Api.Telemetry;

// The rows of a batch, through the prepared statements; and the reads that reopen a resumed run.
public sealed partial class SqliteTelemetryWriter
{
    protected override void Begin() => _begin.Run();

    protected override void Commit() => _commit.Run();

    // BEGIN IMMEDIATE took the database's write lock: no claim of the run commits before the batch does.
    protected override string? LockLeaseOwner(long runKey)
    {
        _leaseOwner.Bind(1, runKey);
        return _leaseOwner.Text();
    }

    protected override void Rollback() => _rollback.Run();

    protected override void WriteStepRows(StepFrame f)
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
    }

    protected override void WriteChunks(long runKey, ChunkBuffer chunks)
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

    protected override void WriteEventRow(long runKey, RunEventMessage e)
    {
        _event.Bind(1, runKey);
        _event.Bind(2, e.Step);
        _event.Bind(3, e.Kind);
        _event.Bind(4, e.Layer);
        _event.Bind(5, e.Value);
        _event.Bind(6, e.Message);
        _event.Run();
    }

    protected override void WriteEpisode(long runKey, EpisodeState e)
    {
        _episode.Bind(1, runKey);
        _episode.Bind(2, e.Kind);
        _episode.Bind(3, e.Track);
        _episode.Bind(4, e.FirstStep);
        _episode.Bind(5, e.LastStep);
        _episode.Bind(6, e.Steps);
        _episode.Bind(7, e.Layer > 0 ? e.Layer : null);
        _episode.Bind(8, e.Peak);
        _episode.Bind(9, double.IsNaN(e.Peak) ? null : e.PeakStep);
        _episode.Bind(10, e.Open ? 1 : 0);
        _episode.Bind(11, e.Message);
        _episode.Run();
    }

    protected override void WriteCheckpoint(long runKey, int step, byte[] data, DateTime now)
    {
        _checkpoint.Bind(1, runKey);
        _checkpoint.Bind(2, step);
        _checkpoint.Bind(3, data);
        _checkpoint.Bind(4, now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        _checkpoint.Run();
        _prune.Bind(1, runKey);
        _prune.Bind(2, CheckpointsKept - 1);
        _prune.Run();
    }

    protected override void WriteRollups(long runKey, RollupAccumulator rollups)
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

    protected override void WriteStepRollup(long runKey, StepRollupAccumulator rollup)
    {
        _stepRollup.Bind(1, runKey);
        _stepRollup.Bind(2, rollup.Bucket);
        _stepRollup.Bind(3, rollup.Count);
        _stepRollup.Bind(4, rollup.Stats());
        _stepRollup.Run();
    }

    protected override void WriteProgress(long runKey, Progress p)
    {
        _progressUpdate.Bind(1, runKey);
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

    protected override List<T> Read<T>(string sql, long runKey, int first, int last, Func<DbDataReader, T> row)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$1", runKey);
        command.Parameters.AddWithValue("$2", first);
        command.Parameters.AddWithValue("$3", last);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }
}
