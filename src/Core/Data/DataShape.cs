namespace GradientService.Core.Data;

/// <summary>What a data spec will produce, known before generating it (for validation and model building).</summary>
/// <param name="InputSize">Features per example (per time step for sequences).</param>
/// <param name="OutputSize">Classes, or target values per prediction.</param>
/// <param name="IsClassification">Class-index targets (else real-valued).</param>
/// <param name="SequenceLength">Time steps per example; 1 for feedforward data.</param>
/// <param name="TargetsPerExample">1, or SequenceLength for every-step targets.</param>
/// <param name="IsSequence">True for the recurrent tasks (adding, copy, …, csv-sequences).</param>
/// <param name="Image">For image data sets, the channels, height and width of one example (its InputSize features, NCHW
/// row-major: channel-major, then rows); null for data that is not an image.</param>
public sealed record DataShape(int InputSize, int OutputSize, bool IsClassification, int SequenceLength, int TargetsPerExample, bool IsSequence,
    ImageShape? Image = null);

/// <summary>One example's image size, NCHW without the batch: C × H × W features.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int Features => Channels * Height * Width;
}
