namespace GradientService.Api.Storage;

/// <summary>
/// One layer's probes at one step, keyed (run, layer, step) so one layer's series is a contiguous range of the
/// clustered key (the table is WITHOUT ROWID on SQLite).
/// </summary>
public sealed class LayerSample
{
    public long RunKey { get; set; }

    public int Layer { get; set; }

    public int Step { get; set; }

    public double? WeightGradNorm { get; set; }

    public double? BiasGradNorm { get; set; }

    public double? DeltaNorm { get; set; }

    public double? WeightNorm { get; set; }

    public double? UpdateRatio { get; set; }

    public double? ActivationMean { get; set; }

    public double? ActivationStd { get; set; }

    public double? Saturation { get; set; }

    public double? DeadFraction { get; set; }

    public int NonFiniteCount { get; set; }
}
