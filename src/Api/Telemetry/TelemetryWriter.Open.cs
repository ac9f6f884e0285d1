using System.Data.Common;
using System.Runtime.CompilerServices;
using GradientService.Api.Storage;

namespace GradientService.Api.Telemetry;

// The writer's per-run state, opened on a run's first item and dropped with its tap.
public abstract partial class TelemetryWriter
{
    private readonly ConditionalWeakTable<RunTap, RunAccumulators> _runs = [];

    /// <summary>The runs the batch touched: true when their state was opened in the batch, false when it was saved before it.</summary>
    private readonly Dictionary<RunTap, bool> _touched = [];

    private RunAccumulators State(RunTap run)
    {
        if (_runs.TryGetValue(run, out var state))
        {
            if (_touched.TryAdd(run, false)) state.Save();
            return state;
        }
        state = Open(run.RunKey, run.LayerCount, run.Context.ResumedAt);
        _runs.Add(run, state);
        _touched[run] = true;
        return state;
    }

    /// <summary>Puts the touched runs' state back as it was before the failed batch (one opened in it is reopened from the store next time).</summary>
    private void RestoreTouched()
    {
        foreach (var (run, opened) in _touched)
        {
            if (opened) _runs.Remove(run);
            else if (_runs.TryGetValue(run, out var state)) state.Restore();
        }
        _touched.Clear();
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

    /// <summary>Runs <paramref name="sql"/> with $1 = the run's key, $2 and $3 the range, and maps each row (quoted identifiers: valid on either engine).</summary>
    protected abstract List<T> Read<T>(string sql, long runKey, int first, int last, Func<DbDataReader, T> row);

    private List<LayerChunk> ReadChunks(long runKey, int first, int last) => Read(
        """SELECT "Layer", "Chunk", "Present", "Version", "Data" FROM "LayerChunks" WHERE "RunKey" = $1 AND "Chunk" BETWEEN $2 AND $3""",
        runKey, first, last, reader => new LayerChunk
        {
            RunKey = runKey, Layer = reader.GetInt32(0), Chunk = reader.GetInt32(1), Present = reader.GetInt32(2), Version = reader.GetInt32(3), Data = (byte[])reader[4],
        });

    private List<StepRow> ReadSteps(long runKey, int from, int to) => Read("""
        SELECT "Step", "Loss", "TrainAccuracy", "TestLoss", "TestAccuracy", "LearningRate", "GradNormBefore", "GradNormAfter", "ClipScale",
            "PopulationLoss", "PopulationDiversity", "Evaluations", "Phase", "Absent"
        FROM "Steps" WHERE "RunKey" = $1 AND "Step" BETWEEN $2 AND $3 ORDER BY "Step"
        """, runKey, from, to, reader =>
    {
        double? At(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        return new StepRow
        {
            RunKey = runKey, Step = reader.GetInt32(0), Loss = At(1), TrainAccuracy = At(2), TestLoss = At(3), TestAccuracy = At(4),
            LearningRate = At(5), GradNormBefore = At(6), GradNormAfter = At(7), ClipScale = At(8),
            PopulationLoss = At(9), PopulationDiversity = At(10), Evaluations = At(11), Phase = At(12), Absent = reader.GetInt32(13),
        };
    });
}
