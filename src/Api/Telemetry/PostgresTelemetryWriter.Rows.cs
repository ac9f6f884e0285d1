using System.Data.Common;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using Npgsql;
using NpgsqlTypes;

namespace GradientService.Api.Telemetry;

// The rows of a batch: gathered while the batch is walked; at its commit the new ones are copied in (one binary COPY per
// table) and the chunk and rollup rows an earlier batch stored are upserted (PostgresTelemetryWriter.Statements.cs); and
// the reads that reopen a resumed run.
public sealed partial class PostgresTelemetryWriter
{
    private readonly List<StepFrame> _steps = [];
    private readonly List<(long RunKey, RunEventMessage Event)> _events = [];
    private readonly List<LayerChunk> _chunks = [], _chunkUpdates = [];
    private readonly List<LayerRollup> _rollups = [], _rollupUpdates = [];
    private readonly List<StepRollup> _stepRollups = [], _stepRollupUpdates = [];

    private void ClearBuffers()
    {
        _steps.Clear();
        _events.Clear();
        _chunks.Clear();
        _chunkUpdates.Clear();
        _rollups.Clear();
        _rollupUpdates.Clear();
        _stepRollups.Clear();
        _stepRollupUpdates.Clear();
        _statements.Clear();
    }

    /// <summary>The frames stay the recorder's until the batch returns, so only their references are kept.</summary>
    protected override void WriteStepRows(StepFrame frame) => _steps.Add(frame);

    protected override void WriteChunks(long runKey, ChunkBuffer chunks)
    {
        var rows = chunks.Stored ? _chunkUpdates : _chunks;
        for (var layer = 1; layer <= chunks.Layers; layer++)
        {
            var (version, data) = chunks.Packed(layer);
            rows.Add(new LayerChunk { RunKey = runKey, Layer = layer, Chunk = chunks.Chunk, Present = chunks.Present, Data = data.ToArray(), Version = version });
        }
    }

    protected override void WriteRollups(long runKey, RollupAccumulator rollups)
    {
        var rows = rollups.Stored ? _rollupUpdates : _rollups;
        for (var m = 0; m < LayerMetrics.Count; m++)
            rows.Add(new LayerRollup { RunKey = runKey, Field = m, Bucket = rollups.Bucket, Count = rollups.Count, Stats = rollups.Stats(m), Version = LayerRollup.Current });
    }

    protected override void WriteStepRollup(long runKey, StepRollupAccumulator rollup) =>
        (rollup.Stored ? _stepRollupUpdates : _stepRollups).Add(new StepRollup { RunKey = runKey, Bucket = rollup.Bucket, Count = rollup.Count, Stats = rollup.Stats() });

    protected override void WriteEventRow(long runKey, RunEventMessage e) => _events.Add((runKey, e));

    /// <summary>
    /// The new rows, each table's in its key's order: a heap table is not clustered, so a batch's chunks go in layer by
    /// layer (and its rollups metric by metric) to keep one layer's series on few pages for the reads.
    /// </summary>
    private void CopyRows()
    {
        if (_steps.Count > 0) CopySteps();
        if (_events.Count > 0) CopyEvents();
        _chunks.Sort(static (a, b) => a.RunKey != b.RunKey ? a.RunKey.CompareTo(b.RunKey) : a.Layer != b.Layer ? a.Layer - b.Layer : a.Chunk - b.Chunk);
        _rollups.Sort(static (a, b) => a.RunKey != b.RunKey ? a.RunKey.CompareTo(b.RunKey) : a.Field != b.Field ? a.Field - b.Field : a.Bucket - b.Bucket);
        if (_chunks.Count > 0) Copy("""COPY "LayerChunks" ("RunKey", "Layer", "Chunk", "Present", "Version", "Data")""", _chunks, static (copy, c) =>
        {
            copy.Write(c.RunKey, NpgsqlDbType.Bigint);
            copy.Write(c.Layer, NpgsqlDbType.Integer);
            copy.Write(c.Chunk, NpgsqlDbType.Integer);
            copy.Write(c.Present, NpgsqlDbType.Integer);
            copy.Write(c.Version, NpgsqlDbType.Integer);
            copy.Write(c.Data, NpgsqlDbType.Bytea);
        });
        if (_rollups.Count > 0) Copy("""COPY "LayerRollups" ("RunKey", "Field", "Bucket", "Count", "Version", "Stats")""", _rollups, static (copy, r) =>
        {
            copy.Write(r.RunKey, NpgsqlDbType.Bigint);
            copy.Write(r.Field, NpgsqlDbType.Integer);
            copy.Write(r.Bucket, NpgsqlDbType.Integer);
            copy.Write(r.Count, NpgsqlDbType.Integer);
            copy.Write(r.Version, NpgsqlDbType.Integer);
            copy.Write(r.Stats, NpgsqlDbType.Bytea);
        });
        if (_stepRollups.Count > 0) Copy("""COPY "StepRollups" ("RunKey", "Bucket", "Count", "Stats")""", _stepRollups, static (copy, r) =>
        {
            copy.Write(r.RunKey, NpgsqlDbType.Bigint);
            copy.Write(r.Bucket, NpgsqlDbType.Integer);
            copy.Write(r.Count, NpgsqlDbType.Integer);
            copy.Write(r.Stats, NpgsqlDbType.Bytea);
        });
    }

    private void CopySteps()
    {
        Copy("""
            COPY "Steps" ("RunKey", "Step", "Loss", "TrainAccuracy", "TestLoss", "TestAccuracy", "LearningRate", "GradNormBefore", "GradNormAfter",
                "ClipScale", "PopulationLoss", "PopulationDiversity", "Evaluations", "Phase", "Absent")
            """, _steps, static (copy, f) =>
        {
            copy.Write(f.Run.RunKey, NpgsqlDbType.Bigint);
            copy.Write(f.Step, NpgsqlDbType.Integer);
            for (var m = 0; m < StepMetrics.Count; m++) Write(copy, f.Find((StepMetric)m)); // the columns in ordinal order
            copy.Write((int)f.Absent, NpgsqlDbType.Integer);
        });
        if (_steps.Exists(f => f.Recurrent.Length > 0))
        {
            var rows = _steps.SelectMany(f => f.Recurrent.Select((s, r) => (Frame: f, Layer: r + 1, Sample: s))).ToList();
            Copy("""
                COPY "RecurrentSamples" ("RunKey", "Layer", "Step", "SigmaMax", "BoundFactor", "ForgetGateMean", "InputGateGradNorms",
                    "RecurrentGateGradNorms", "TimeLag")
                """, rows, static (copy, x) =>
            {
                copy.Write(x.Frame.Run.RunKey, NpgsqlDbType.Bigint);
                copy.Write(x.Layer, NpgsqlDbType.Integer);
                copy.Write(x.Frame.Step, NpgsqlDbType.Integer);
                Write(copy, x.Sample.SigmaMax);
                Write(copy, x.Sample.BoundFactor);
                Write(copy, x.Sample.ForgetGateMean);
                Write(copy, DoubleBlob.Pack(x.Sample.InputGateGradNorms));
                Write(copy, DoubleBlob.Pack(x.Sample.RecurrentGateGradNorms));
                Write(copy, x.Frame.HasTimeLag ? DoubleBlob.Pack(x.Sample.TimeLag) : null);
            });
        }
        if (_steps.Exists(f => f.OutputDepthGradNorms.Length > 0))
        {
            Copy("""COPY "OutputDepthSamples" ("RunKey", "Step", "GradNorms")""", _steps.Where(f => f.OutputDepthGradNorms.Length > 0).ToList(), static (copy, f) =>
            {
                copy.Write(f.Run.RunKey, NpgsqlDbType.Bigint);
                copy.Write(f.Step, NpgsqlDbType.Integer);
                copy.Write(DoubleBlob.Pack(f.OutputDepthGradNorms), NpgsqlDbType.Bytea);
            });
        }
    }

    private void CopyEvents() => Copy("""COPY "Events" ("RunKey", "Step", "Kind", "Layer", "Value", "Message")""", _events, static (copy, x) =>
    {
        copy.Write(x.RunKey, NpgsqlDbType.Bigint);
        copy.Write(x.Event.Step, NpgsqlDbType.Integer);
        copy.Write(x.Event.Kind, NpgsqlDbType.Varchar);
        Write(copy, x.Event.Layer);
        Write(copy, x.Event.Value);
        copy.Write(x.Event.Message, NpgsqlDbType.Varchar);
    });

    private void Copy<T>(string copyCommand, List<T> rows, Action<NpgsqlBinaryImporter, T> write)
    {
        using var copy = Connection.BeginBinaryImport(copyCommand + " FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            write(copy, row);
        }
        copy.Complete();
    }

    protected override List<T> Read<T>(string sql, long runKey, int first, int last, Func<DbDataReader, T> row)
    {
        using var command = new NpgsqlCommand(sql, Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = runKey });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }
}
