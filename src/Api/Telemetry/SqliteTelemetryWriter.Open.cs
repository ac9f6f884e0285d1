using System.Runtime.CompilerServices;
using GradientService.Api.Storage;

namespace GradientService.Api.Telemetry;

// The writer's per-run state, opened on a run's first item and dropped with its tap.
public sealed partial class SqliteTelemetryWriter
{
    private readonly ConditionalWeakTable<RunTap, RunAccumulators> _runs = [];

    private RunAccumulators State(RunTap run)
    {
        if (_runs.TryGetValue(run, out var state)) return state;
        state = Open(run.RunKey, run.LayerCount, run.Context.ResumedAt);
        _runs.Add(run, state);
        return state;
    }

    /// <summary>
    /// A run's accumulators. A run resumed at <paramref name="start"/> continues the rollup bucket (and maybe the chunk)
    /// holding step start + 1: they are reopened with what the store holds of them, which the worker truncated to end at
    /// <paramref name="start"/> (see <see cref="RunStore.TruncateAfterAsync"/>).
    /// </summary>
    private RunAccumulators Open(long runKey, int layers, int start)
    {
        var state = new RunAccumulators(layers);
        var bucket = LayerRollup.BucketOf(start + 1);
        var bucketStart = bucket * LayerRollup.Width + 1;
        if (start < bucketStart) return state;
        var chunks = ReadChunks(runKey, LayerChunk.ChunkOf(bucketStart), LayerChunk.ChunkOf(start));
        state.Rollups.Seed(bucket, chunks.SelectMany(c => ChunkCodec.Unpack(c, bucketStart, start)));
        state.StepRollups.Seed(bucket, ReadSteps(runKey, bucketStart, start));
        var open = LayerChunk.ChunkOf(start);
        if (LayerChunk.ChunkOf(start + 1) == open) state.Chunks.Seed(open, chunks.Where(c => c.Chunk == open));
        return state;
    }

    private List<LayerChunk> ReadChunks(long runKey, int first, int last)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT Layer, Chunk, Present, Data FROM LayerChunks WHERE RunKey = $run AND Chunk BETWEEN $first AND $last";
        command.Parameters.AddWithValue("$run", runKey);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$last", last);
        using var reader = command.ExecuteReader();
        var chunks = new List<LayerChunk>();
        while (reader.Read())
            chunks.Add(new LayerChunk { RunKey = runKey, Layer = reader.GetInt32(0), Chunk = reader.GetInt32(1), Present = reader.GetInt32(2), Data = (byte[])reader[3] });
        return chunks;
    }

    private List<StepRow> ReadSteps(long runKey, int from, int to)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT Step, Loss, TrainAccuracy, TestLoss, TestAccuracy, LearningRate, GradNormBefore, GradNormAfter, ClipScale,
                PopulationLoss, PopulationDiversity, Evaluations, Phase, Absent
            FROM Steps WHERE RunKey = $run AND Step BETWEEN $from AND $to ORDER BY Step
            """;
        command.Parameters.AddWithValue("$run", runKey);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        var rows = new List<StepRow>();
        double? At(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        while (reader.Read())
        {
            rows.Add(new StepRow
            {
                RunKey = runKey, Step = reader.GetInt32(0), Loss = At(1), TrainAccuracy = At(2), TestLoss = At(3), TestAccuracy = At(4),
                LearningRate = At(5), GradNormBefore = At(6), GradNormAfter = At(7), ClipScale = At(8),
                PopulationLoss = At(9), PopulationDiversity = At(10), Evaluations = At(11), Phase = At(12), Absent = reader.GetInt32(13),
            });
        }
        return rows;
    }
}
