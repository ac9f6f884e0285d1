namespace GradientService.Core.Spec;

/// <summary>
/// Resource limits on one run, chosen so a single job fits this product's 2-core, 24 GiB machine with room
/// for others. The validator, the Api's docs and the dashboard's form all read these constants.
/// </summary>
public static class Limits
{
    public const int MaxNameLength = 200;
    public const int MaxDepth = 200;
    public const int MaxWidth = 4096;
    public const int MaxBlockSize = 2;
    /// <summary>Trainable parameters of the model (20 M floats = 80 MB of weights, ×4 with Adam state and gradients).</summary>
    public const long MaxParameters = 20_000_000;
    public const int MaxBatchSize = 4096;
    public const int MaxSteps = 1_000_000;
    public const int MaxSamples = 100_000;
    public const int MaxInputFeatures = 4096;
    public const int MaxClasses = 1000;
    public const int MaxBits = 24;
    public const int MaxSequenceLength = 1000;
    /// <summary>Activation memory bound: batch × sequence length × hidden units × stacked layers (recurrent nets keep every step for BPTT).</summary>
    public const long MaxActivationElements = 200_000_000;
    /// <summary>Uploaded CSV text, in characters (16 MiB).</summary>
    public const int MaxCsvLength = 16 * 1024 * 1024;
    public const double MaxLearningRate = 1e3;
    public const double MaxThreshold = 1e9;

    // Data sets (src/Core/Data).
    /// <summary>Fewest examples a generator may make (both splits need a few).</summary>
    public const int MinSamples = 10;
    /// <summary>Held-out share of the examples: at least 5 %, at most half.</summary>
    public const double MinTestFraction = 0.05;
    public const double MaxTestFraction = 0.5;
    /// <summary>Noise std of a generator; beyond this the data are noise whatever the generator.</summary>
    public const double MaxNoise = 10;
    /// <summary>Feature values held in memory: examples × time steps × features (32 M doubles = 256 MB).</summary>
    public const long MaxDataElements = 32_000_000;
    public const int MaxTeacherDepth = 50;
    public const int MaxTeacherWidth = 1024;
    /// <summary>Multiply-adds to label every example with the teacher net (a second or two of one core).</summary>
    public const long MaxTeacherMultiplyAdds = 1_000_000_000;
    /// <summary>Examples in the shipped MNIST copy (src/Core/Data/Mnist).</summary>
    public const int MnistExamples = 10_000;
}
