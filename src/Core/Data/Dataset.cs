namespace GradientService.Core.Data;

/// <summary>
/// A data set held in memory in float64, split into train and test rows. Features are
/// [examples, <see cref="InputSize"/>] row-major (recurrent data: [examples, T·<see cref="InputSize"/>], time-major
/// within an example). Targets are class indices (classification) or [examples, <see cref="OutputSize"/>] values
/// (regression); for sequence labelling there are T targets per example.
/// </summary>
public sealed class Dataset
{
    /// <summary>Name shown in the run (e.g. "moons").</summary>
    public required string Name { get; init; }

    /// <summary>Features per example (per time step for sequences).</summary>
    public required int InputSize { get; init; }

    /// <summary>Classes (classification) or target values per prediction (regression).</summary>
    public required int OutputSize { get; init; }

    /// <summary>True for class-index targets; false for real-valued targets.</summary>
    public required bool IsClassification { get; init; }

    /// <summary>Time steps per example; 1 for feedforward data.</summary>
    public int SequenceLength { get; init; } = 1;

    /// <summary>Predictions per example: 1, or <see cref="SequenceLength"/> for every-step targets.</summary>
    public int TargetsPerExample { get; init; } = 1;

    /// <summary>Channels, height and width of one example for image data sets (features NCHW row-major); else null.</summary>
    public ImageShape? Image { get; init; }

    public required Split Train { get; init; }

    public required Split Test { get; init; }

    /// <summary>One split of the data.</summary>
    /// <param name="Count">Examples in the split.</param>
    /// <param name="Features">[Count, SequenceLength·InputSize] row-major.</param>
    /// <param name="Labels">Classification: [Count·TargetsPerExample] class indices; otherwise empty.</param>
    /// <param name="Targets">Regression: [Count·TargetsPerExample·OutputSize]; otherwise empty.</param>
    public sealed record Split(int Count, double[] Features, int[] Labels, double[] Targets);
}
