using GradientService.Api.Series;
using GradientService.Api.Storage;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The open <see cref="StepRollup"/> bucket of one run: every scalar field's figures so far. Only the recorder thread
/// touches it. A resumed run seeds it with the steps already stored in the open bucket.
/// </summary>
public sealed class StepRollupAccumulator
{
    public static readonly StepField[] Fields = Enum.GetValues<StepField>();

    private static readonly bool[] IsSparse = [.. Fields.Select(SeriesQueries.Sparse.Contains)];

    private readonly StepRollup.FieldStats[] _fields = new StepRollup.FieldStats[Fields.Length];

    /// <summary>The open bucket (−1 before the first step).</summary>
    public int Bucket { get; private set; } = -1;

    /// <summary>Steps added to the open bucket.</summary>
    public int Count { get; private set; }

    public void Reset(int bucket)
    {
        Bucket = bucket;
        Count = 0;
        Array.Clear(_fields);
    }

    public void Add(StepFrame f) => Add(f.Step, f.Loss, f.TrainAccuracy, f.TestLoss, f.TestAccuracy, f.LearningRate, f.GradNormBefore, f.GradNormAfter, f.ClipScale);

    /// <summary>Seeds the open bucket from stored steps (a resumed run).</summary>
    public void Seed(int bucket, IEnumerable<StepRow> rows)
    {
        Reset(bucket);
        foreach (var r in rows)
        {
            Add(r.Step, r.Loss ?? double.NaN, r.TrainAccuracy ?? double.NaN, r.TestLoss ?? double.NaN, r.TestAccuracy ?? double.NaN,
                r.LearningRate ?? double.NaN, r.GradNormBefore ?? double.NaN, r.GradNormAfter ?? double.NaN, r.ClipScale ?? double.NaN);
        }
    }

    /// <summary>The open bucket as <see cref="StepRollup.Stats"/>.</summary>
    public byte[] Stats()
    {
        var stats = new byte[Fields.Length * StepRollup.BytesPerField];
        for (var f = 0; f < Fields.Length; f++) StepRollup.Write(stats, Fields[f], in _fields[f]);
        return stats;
    }

    private void Add(int step, params ReadOnlySpan<double> values)
    {
        Count++;
        for (var f = 0; f < Fields.Length; f++)
        {
            // SQLite stores NaN as NULL: a sparse field's NaN means "not measured" and is left out, as the raw read leaves it out.
            if (double.IsNaN(values[f]) && IsSparse[f]) continue;
            _fields[f].Add(step, values[f]);
        }
    }
}
