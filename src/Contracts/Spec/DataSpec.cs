namespace GradientService.Contracts.Spec;

/// <summary>The data set: a seeded generator with its parameters, the built-in digits, or user CSV.</summary>
public sealed record DataSpec
{
    public DatasetKind Kind { get; init; } = DatasetKind.Moons;

    /// <summary>Examples generated (train + test); for mnist, examples taken from the 10,000 shipped.</summary>
    public int Samples { get; init; } = 2000;

    /// <summary>Share of the examples held out for evaluation, in [0.05, 0.5].</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Noise std, 0 … <see cref="Limits.MaxNoise"/>: added to each coordinate (moons, circles, two-spirals), cluster std ÷ 10 (gaussian-blobs), or added to the targets (teacher, sine).</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>gaussian-blobs: classes; teacher: outputs (classes, or regression targets).</summary>
    public int Classes { get; init; } = 3;

    /// <summary>gaussian-blobs and teacher: input dimensions.</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>parity: bits per example, 1 … <see cref="Limits.MaxBits"/> (sequential-parity uses <see cref="SequenceLength"/>).</summary>
    public int Bits { get; init; } = 8;

    /// <summary>teacher: hidden layers of the random teacher network.</summary>
    public int TeacherDepth { get; init; } = 4;

    /// <summary>teacher: width of the random teacher network.</summary>
    public int TeacherWidth { get; init; } = 32;

    /// <summary>teacher: regression on the teacher's output instead of classifying its arg-max.</summary>
    public bool Regression { get; init; }

    /// <summary>Recurrent tasks: sequence length T (copy: the delay, so a sequence is T + 20 steps).</summary>
    public int SequenceLength { get; init; } = 50;

    /// <summary>csv and csv-sequences: the file's text (header row, numeric feature columns, a label column).</summary>
    public string? Csv { get; init; }

    /// <summary>csv and csv-sequences: name of the label column; default the last column.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>csv-sequences: name of the sequence id column; default the first column.</summary>
    public string? SequenceColumn { get; init; }

    /// <summary>csv-sequences: name of the time index column (numbers; steps are ordered by it); default the second column.</summary>
    public string? TimeColumn { get; init; }
}
