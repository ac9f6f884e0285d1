namespace GradientService.Api.Storage;

/// <summary>
/// Min, max and mean of one layer field over a bucket of <see cref="Width"/> consecutive steps, kept by the recorder so a
/// layer × step heatmap of a 100,000-step run reads thousands of rows, not millions. Keyed (run, field, layer, bucket):
/// one field's heatmap is one contiguous range.
/// </summary>
public sealed class LayerRollup
{
    /// <summary>Steps per bucket; bucket b holds steps b·Width + 1 … (b + 1)·Width.</summary>
    public const int Width = 64;

    public long RunKey { get; set; }

    /// <summary>A <see cref="Series.LayerField"/> as its number.</summary>
    public int Field { get; set; }

    public int Layer { get; set; }

    public int Bucket { get; set; }

    /// <summary>Recorded steps in the bucket.</summary>
    public int Count { get; set; }

    /// <summary>Finite values among them (min, max and mean are over these).</summary>
    public int Finite { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? Mean { get; set; }

    public static int BucketOf(int step) => (step - 1) / Width;
}
