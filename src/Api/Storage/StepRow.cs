namespace GradientService.Api.Storage;

/// <summary>The scalar probes of one recorded step. SQLite stores NaN as NULL, so "not measured" reads back as null.</summary>
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
}
