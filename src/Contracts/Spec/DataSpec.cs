using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>The data set: a seeded generator with its parameters, the built-in digits, or user CSV.</summary>
public sealed record DataSpec
{
    [Description("Feedforward sets: moons, circles, two-spirals, gaussian-blobs, parity, teacher (a random deep net labels the data), sine, mnist (shipped 10,000 digits, 28×28 images), bars (oriented bars in noisy images of data.imageSize pixels a side), csv. Sequence tasks: adding, copy, temporal-order, sequential-parity, text (the next character of a shipped novel), csv-sequences.")]
    public DatasetKind Kind { get; init; } = DatasetKind.Moons;

    /// <summary>Examples generated (train + test); for mnist, examples taken from the 10,000 shipped; for text, windows cut from the shipped novel.</summary>
    [Range(Limits.MinSamples, Limits.MaxSamples)]
    [Description("Examples generated (train + test).")]
    public int Samples { get; init; } = 2000;

    /// <summary>Share of the examples held out for evaluation, in [0.05, 0.5].</summary>
    [Range(Limits.MinTestFraction, Limits.MaxTestFraction)]
    [Description("Share held out for evaluation.")]
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Train on the first n training examples only (after the split; 0 = all of them). With training.batchSize = n every step is full-batch gradient descent.</summary>
    [Range(0, Limits.MaxSamples)]
    [Description("Train on the first n training examples only (0 = all): a fixed subset, as in Nielsen's ch. 5 (1,000 images); with training.batchSize = n each step is full-batch gradient descent. The test split is unchanged.")]
    public int TrainSubset { get; init; }

    /// <summary>Noise std, 0 … <see cref="Limits.MaxNoise"/>: added to each coordinate (moons, circles, two-spirals) or pixel (bars), cluster std ÷ 10 (gaussian-blobs), or added to the targets (teacher, sine).</summary>
    [Range(0, Limits.MaxNoise)]
    [Description("Noise std added to the inputs (or targets).")]
    public double Noise { get; init; } = 0.1;

    /// <summary>gaussian-blobs: classes; teacher: outputs (classes, or regression targets).</summary>
    [Range(2, Limits.MaxClasses)]
    [ShownWhen("data.kind", "gaussian-blobs", "teacher")]
    [Description("Classes (gaussian-blobs) or outputs (teacher).")]
    public int Classes { get; init; } = 3;

    /// <summary>gaussian-blobs and teacher: input dimensions.</summary>
    [Range(1, Limits.MaxInputFeatures)]
    [ShownWhen("data.kind", "gaussian-blobs", "teacher")]
    [Description("Input dimensions (gaussian-blobs, teacher).")]
    public int Dimensions { get; init; } = 2;

    /// <summary>parity: bits per example, 1 … <see cref="Limits.MaxBits"/> (sequential-parity uses <see cref="SequenceLength"/>).</summary>
    [Range(1, Limits.MaxBits)]
    [ShownWhen("data.kind", "parity")]
    [Description("Bits per parity example: the label depends on every bit, a hard credit-assignment problem.")]
    public int Bits { get; init; } = 8;

    /// <summary>teacher: hidden layers of the random teacher network.</summary>
    [Range(1, Limits.MaxTeacherDepth)]
    [ShownWhen("data.kind", "teacher")]
    [Description("Hidden layers of the random teacher net.")]
    public int TeacherDepth { get; init; } = 4;

    /// <summary>teacher: width of the random teacher network.</summary>
    [Range(1, Limits.MaxTeacherWidth)]
    [ShownWhen("data.kind", "teacher")]
    [Description("Width of the random teacher net.")]
    public int TeacherWidth { get; init; } = 32;

    /// <summary>teacher: regression on the teacher's output instead of classifying its arg-max.</summary>
    [ShownWhen("data.kind", "teacher")]
    [Description("Teacher: regress its outputs instead of classifying their arg-max.")]
    public bool Regression { get; init; }

    /// <summary>Sequence tasks: sequence length T (copy: the delay, so a sequence is T + 20 steps; text: the characters before the one to predict).</summary>
    [Range(1, Limits.MaxSequenceLength)]
    [ShownWhen("data.kind", "adding", "copy", "temporal-order", "sequential-parity", "text")]
    [Description("Time steps T of a sequence task: the lag across which the gradient must carry the error (text: the characters the net reads before predicting the next).")]
    public int SequenceLength { get; init; } = 50;

    /// <summary>bars: side of the square image in pixels, <see cref="Limits.MinImageSize"/> … <see cref="Limits.MaxImageSize"/>.</summary>
    [Range(Limits.MinImageSize, Limits.MaxImageSize)]
    [ShownWhen("data.kind", "bars")]
    [Description("Side of the square bars image, in pixels (one channel); the bar is half as long and placed at random.")]
    public int ImageSize { get; init; } = 16;

    /// <summary>csv and csv-sequences: the file's text (header row, numeric feature columns, a label column).</summary>
    [ShownWhen("data.kind", "csv", "csv-sequences")]
    [DataType(DataType.MultilineText)]
    [Description("CSV text: a header row, numeric feature columns and a label column.")]
    public string? Csv { get; init; }

    /// <summary>csv and csv-sequences: name of the label column; default the last column.</summary>
    [ShownWhen("data.kind", "csv", "csv-sequences")]
    [Description("Name of the label column (default: the last).")]
    public string? LabelColumn { get; init; }

    /// <summary>csv-sequences: name of the sequence id column; default the first column.</summary>
    [ShownWhen("data.kind", "csv-sequences")]
    [Description("csv-sequences: the sequence id column.")]
    public string? SequenceColumn { get; init; }

    /// <summary>csv-sequences: name of the time index column (numbers; steps are ordered by it); default the second column.</summary>
    [ShownWhen("data.kind", "csv-sequences")]
    [Description("csv-sequences: the time index column.")]
    public string? TimeColumn { get; init; }
}
