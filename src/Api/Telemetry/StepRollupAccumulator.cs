using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Telemetry;

/// <summary>
/// The open <see cref="StepRollup"/> bucket of one run: every step metric's figures so far (absent values left out, as
/// the raw read leaves them out). Only the recorder thread touches it. A resumed run seeds it with the steps already
/// stored in the open bucket.
/// </summary>
public sealed class StepRollupAccumulator
{
    private readonly StepRollup.FieldStats[] _metrics = new StepRollup.FieldStats[StepMetrics.Count];

    /// <summary>The open bucket (−1 before the first step).</summary>
    public int Bucket { get; private set; } = -1;

    /// <summary>Steps added to the open bucket.</summary>
    public int Count { get; private set; }

    /// <summary>The open bucket has a row in the store (an earlier batch wrote it), so its next write updates it.</summary>
    public bool Stored { get; set; }

    public void Reset(int bucket)
    {
        Bucket = bucket;
        Count = 0;
        Stored = false;
        Array.Clear(_metrics);
    }

    /// <summary>Makes this accumulator a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(StepRollupAccumulator other)
    {
        (Bucket, Count, Stored) = (other.Bucket, other.Count, other.Stored);
        other._metrics.CopyTo(_metrics, 0);
    }

    public void Add(StepFrame f)
    {
        Count++;
        for (var m = 0; m < _metrics.Length; m++) if (f.Find((StepMetric)m) is { } value) _metrics[m].Add(f.Step, value);
    }

    /// <summary>Seeds the open bucket from stored steps (a resumed run).</summary>
    public void Seed(int bucket, IEnumerable<StepRow> rows)
    {
        Reset(bucket);
        foreach (var r in rows)
        {
            Count++;
            for (var m = 0; m < _metrics.Length; m++) if (r.Value((StepMetric)m) is { } value) _metrics[m].Add(r.Step, value);
        }
    }

    /// <summary>The open bucket as <see cref="StepRollup.Stats"/>.</summary>
    public byte[] Stats()
    {
        var stats = new byte[_metrics.Length * StepRollup.BytesPerField];
        for (var m = 0; m < _metrics.Length; m++) StepRollup.Write(stats, (StepMetric)m, in _metrics[m]);
        return stats;
    }
}
