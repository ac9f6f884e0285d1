using GradientService.Contracts.Metrics;

namespace GradientService.Api.Storage;

/// <summary>
/// The scalar probes of one recorded step, a column per <see cref="StepMetric"/>. SQLite stores NaN as NULL, so a NULL
/// is NaN unless <see cref="Absent"/> marks the metric not computed; a sparse metric's NULL is always absent (rows
/// written before <see cref="Absent"/> existed stored "not measured" as NaN).
/// </summary>
public sealed class StepRow
{
    public long RunKey { get; set; }

    public int Step { get; set; }

    public double? Loss { get; set; }

    public double? TrainAccuracy { get; set; }

    public double? TestLoss { get; set; }

    public double? TestAccuracy { get; set; }

    public double? LearningRate { get; set; }

    public double? GradNormBefore { get; set; }

    public double? GradNormAfter { get; set; }

    public double? ClipScale { get; set; }

    public double? PopulationLoss { get; set; }

    public double? PopulationDiversity { get; set; }

    public double? Evaluations { get; set; }

    public double? Phase { get; set; }

    /// <summary>Bit m set: metric m (its ordinal) was not computed at this step.</summary>
    public int Absent { get; set; }

    /// <summary>The value of <paramref name="metric"/>: null when absent, NaN for a NULL that was measured.</summary>
    public double? Value(StepMetric metric)
    {
        var stored = metric switch
        {
            StepMetric.Loss => Loss,
            StepMetric.TrainAccuracy => TrainAccuracy,
            StepMetric.TestLoss => TestLoss,
            StepMetric.TestAccuracy => TestAccuracy,
            StepMetric.LearningRate => LearningRate,
            StepMetric.GradNormBefore => GradNormBefore,
            StepMetric.GradNormAfter => GradNormAfter,
            StepMetric.ClipScale => ClipScale,
            StepMetric.PopulationLoss => PopulationLoss,
            StepMetric.PopulationDiversity => PopulationDiversity,
            StepMetric.Evaluations => Evaluations,
            StepMetric.Phase => Phase,
            _ => null,
        };
        if (stored is not null) return stored;
        var absent = (Absent & (1 << (int)metric)) != 0 || (int)metric >= StepMetrics.Count || StepMetrics.Table[metric].Has(MetricTraits.Sparse);
        return absent ? null : double.NaN;
    }
}
