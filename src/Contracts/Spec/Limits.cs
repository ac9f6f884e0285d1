namespace GradientService.Contracts.Spec;

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

    /// <summary>Largest side of a square convolution or pooling kernel.</summary>
    public const int MaxKernelSize = 11;

    /// <summary>Most stages of a cnn's shorthand (each halves the feature map).</summary>
    public const int MaxStages = 4;

    /// <summary>Most entries of a cnn's explicit layer list.</summary>
    public const int MaxCnnLayers = 400;

    /// <summary>Most attention heads of a transformer.</summary>
    public const int MaxHeads = 64;
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
    /// <summary>Largest window or patience of a detector, in recorded steps (DetectionSpec).</summary>
    public const int MaxDetectionWindow = 100_000;

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

    // Ranges of the remaining numeric hyper-parameters (SpecValidator): wide enough for every experiment the product
    // shows, narrow enough that a typo (1e5 for 1e-5) is caught before a run starts.

    /// <summary>Largest leaky-relu slope for z &lt; 0 (1 makes it the identity); the smallest is 0 (relu).</summary>
    public const double MaxLeakyReluSlope = 1;

    /// <summary>Largest elu α; the smallest is 0 (relu).</summary>
    public const double MaxEluAlpha = 10;

    /// <summary>Largest ε added to the variance in batch- and layer-norm (PyTorch's default is 1e-5).</summary>
    public const double MaxNormEpsilon = 1;

    /// <summary>Largest init gain (orthogonal, identity); any gain above 1 already explodes a deep linear net.</summary>
    public const double MaxInitGain = 100;

    /// <summary>Largest σ_w² (scaled-normal) and σ_b² (bias draw): far past the order–chaos boundary of every activation.</summary>
    public const double MaxInitVariance = 100;

    /// <summary>Largest standard deviation of the normal init scheme.</summary>
    public const double MaxInitStd = 100;

    /// <summary>Largest |value| of the normal init's mean, the constant bias and the LSTM forget-gate bias.</summary>
    public const double MaxInitOffset = 100;

    /// <summary>Largest spectral radius or σ_max a recurrent matrix may be rescaled to (γσ_max far above 1 explodes within a few steps).</summary>
    public const double MaxRecurrentScale = 100;

    /// <summary>Largest weight decay λ (L2 or AdamW's decoupled decay; PyTorch's defaults are 0 and 0.01).</summary>
    public const double MaxWeightDecay = 1;

    /// <summary>Largest ε in Adam's and RMSprop's denominators (PyTorch's defaults are 1e-8).</summary>
    public const double MaxOptimizerEpsilon = 1;

    /// <summary>Largest rprop growth factor η⁺ (PyTorch's default is 1.2).</summary>
    public const double MaxEtaPlus = 10;

    /// <summary>Largest λ of the texts' L2 penalty (λ/2n)Σw² (Nielsen uses 0.1 to 5 with n = 1,000 … 50,000).</summary>
    public const double MaxL2 = 1000;

    // Gradient-free search (SearchSpec).

    /// <summary>Largest population of a genetic algorithm or evolution strategy (each member costs one forward pass a generation).</summary>
    public const int MaxPopulation = 1024;

    /// <summary>Weights the population holds: population × trainable parameters (64 M floats = 256 MB).</summary>
    public const long MaxPopulationWeights = 64_000_000;

    /// <summary>Largest mutation scale or ES noise σ, in weight units (far beyond any init's scale).</summary>
    public const double MaxSearchScale = 10;

    /// <summary>Largest k of an rbm's contrastive divergence CD-k (Gibbs steps per update; Hinton 2002 uses k = 1).</summary>
    public const int MaxCdSteps = 100;

    // Image and text data sets (#15).

    /// <summary>Side of a bars image, in pixels: 8 holds a bar of 4 with room to move; 64 is past the digits' 28.</summary>
    public const int MinImageSize = 8;
    public const int MaxImageSize = 64;
}
