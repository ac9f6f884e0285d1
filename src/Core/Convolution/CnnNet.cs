using System.Text.Json;
using System.Text.Json.Serialization;
using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Layers;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Convolution;

/// <summary>
/// cnn: PyTorch's nn.Sequential of the resolved layer list (<see cref="CnnLayerList"/>), entry i named "layers.{i}", on
/// images [batch, C·H·W] (NCHW). Every entry keeps its output and ∂L/∂output for the run's capacity, so a step allocates
/// nothing; the probes (<c>CnnNet.Probes.cs</c>) read them per telemetry row (<see cref="CnnRow"/>).
/// </summary>
internal sealed partial class CnnNet<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MatrixProduct<T> _mm;
    private readonly CnnEntry[] _entries;
    private readonly CnnModule<T>[] _modules;
    private readonly T[][] _outputs, _grads;

    /// <summary>∂L/∂input, kept when the first entry needs somewhere to write it (anything but a conv2d or linear).</summary>
    private readonly T[]? _inputGrad;

    private readonly CnnRow[] _rows;
    private MatrixView<T> _input;

    public CnnNet(CnnEntry[] entries, double normMomentum, int capacity, MatrixProduct<T> mm)
    {
        _mm = mm;
        _entries = entries;
        _rows = CnnRow.Of(entries, out var group);
        _modules = new CnnModule<T>[entries.Length];
        for (var i = 0; i < entries.Length; i++) _modules[i] = Module(entries[i], $"layers.{i}", group[i], normMomentum, capacity, mm);
        _outputs = [.. entries.Select(e => new T[capacity * e.Out.Size])];
        _grads = [.. entries.Select(e => new T[capacity * e.Out.Size])];
        if (entries[0].Op is not (CnnOp.Conv2d or CnnOp.Linear)) _inputGrad = new T[capacity * entries[0].In.Size];
        Parameters = [.. _modules.SelectMany(m => m.Parameters)];
        Buffers = [.. _modules.SelectMany(m => m.Buffers)];
        Info = new ModelInfo([.. _rows.Select((r, l) => new LayerInfo(l + 1, $"layers.{r.First}", entries[r.First].In.Channels, entries[r.First].Out.Channels, r.Kind))],
            Parameters.Sum(p => (long)p.Length), 0, 0, 1);
        _shareAlive = new T[mm.Threads * entries.Max(e => e.Out.Size)];
        (_granuleSum, _granuleSquares) = (new double[GranuleSums.Count(capacity)], new double[GranuleSums.Count(capacity)]);
        _forwardProbeShare = ForwardProbeShare;
        _norms = new SquareSums<T>(mm);
    }

    public ModelInfo Info { get; }
    public IReadOnlyList<Parameter<T>> Parameters { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers { get; }
    public IReadOnlyList<(string Name, double[] Data)> ProbeState => [];

    /// <summary>The resolved layer list the net was built from.</summary>
    public IReadOnlyList<CnnEntry> Entries => _entries;

    private static CnnModule<T> Module(CnnEntry e, string name, int group, double momentum, int capacity, MatrixProduct<T> mm) => e.Op switch
    {
        CnnOp.Conv2d => new Conv2d<T>(name, group, e.In, e.Out, e.Kernel, e.Stride, e.Padding, e.Bias, capacity, mm),
        CnnOp.BatchNorm2d => new BatchNorm2d<T>(name, group, e.In, e.Eps, momentum, e.Affine, capacity),
        CnnOp.MaxPool2d or CnnOp.AvgPool2d => new Pool2d<T>(e.In, e.Out, e.Op == CnnOp.MaxPool2d, e.Kernel, e.Stride, e.Padding, capacity),
        CnnOp.GlobalAvgPool => new GlobalAvgPool<T>(e.In, e.Out),
        CnnOp.Flatten => new Flatten<T>(e.In, e.Out),
        CnnOp.Linear => new Linear<T>(name, group, e.In, e.Out, e.Bias),
        CnnOp.Residual => new ResidualBlock<T>(name, group, e, momentum, new Activation<T>(e.Activation, e.NegativeSlope, e.Alpha), capacity, mm),
        _ => new ActivationEntry<T>(e.In, new Activation<T>(e.Activation, e.NegativeSlope, e.Alpha)),
    };

    /// <summary>Entry by entry, in order: weights from the InitSpec's schemes, batch norms reset.</summary>
    public void Initialize(InitSpec init, Rng rng)
    {
        foreach (var m in _modules) m.Initialize(init, rng);
    }

    public MatrixView<T> Forward(MatrixView<T> input, bool training, StepRecord? record)
    {
        _input = input;
        var rows = input.Rows;
        var row = 0;
        for (var i = 0; i < _modules.Length; i++)
        {
            _modules[i].Forward(_mm, X(i, rows), Y(i, rows), training);
            if (record is not null && row < _rows.Length && _rows[row].Last == i) ProbeForward(row++, rows, record);
        }
        return Y(_modules.Length - 1, rows);
    }

    public MatrixView<T> LogitsGradient(int rows) => G(_modules.Length - 1, rows);

    public void Backward(MatrixView<T> input, StepRecord? record, double[]? gradSquares = null)
    {
        _input = input;
        var rows = input.Rows;
        var row = _rows.Length - 1;
        _knownGradNorm = (-1, 0);
        for (var i = _modules.Length - 1; i >= 0; i--)
        {
            _modules[i].Backward(_mm, X(i, rows), Y(i, rows), G(i, rows), Dx(i, rows));
            if (record is not null && row >= 0 && _rows[row].First == i) ProbeBackward(row--, rows, record);
        }
        if (gradSquares is not null)
            for (var p = 0; p < Parameters.Count; p++) gradSquares[p] = GradientSquares<T>.Of(Parameters[p]);
    }

    /// <summary>
    /// What the oracle reads from an exported file's __metadata__ (README, "Settings"): model cnn, the resolved layer list
    /// with every default filled in, and the loss when the oracle has it (cross_entropy, mse, bce, with reduction). A list
    /// with a residual block's batch_norm: false is the product's own and does not load into the oracle.
    /// </summary>
    public IEnumerable<(string Key, string Value)> ExportMetadata(LossKind loss)
    {
        yield return ("model", "cnn");
        yield return ("layers", JsonSerializer.Serialize(_entries.Select(e => e.ToSpec()), ExportJson));
        var (name, reduction) = loss switch
        {
            LossKind.CrossEntropy => ("cross_entropy", "mean"),
            LossKind.Mse => ("mse", "mean"),
            LossKind.Bce => ("bce", "mean"),
            LossKind.BceSum => ("bce", "sum"),
            _ => ("", ""),
        };
        if (name.Length == 0) yield break;
        yield return ("loss", name);
        yield return ("reduction", reduction);
    }

    private static readonly JsonSerializerOptions ExportJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Entry i's input: the net's input or entry i − 1's output.</summary>
    private MatrixView<T> X(int i, int rows) => i == 0 ? _input : Y(i - 1, rows);

    /// <summary>Entry i's output [rows, Out.Size].</summary>
    public MatrixView<T> Y(int i, int rows) => new(_outputs[i], 0, rows, _entries[i].Out.Size);

    /// <summary>∂L/∂(entry i's output), from the last backward pass (the oracle's activation_grad.{i}).</summary>
    public MatrixView<T> G(int i, int rows) => new(_grads[i], 0, rows, _entries[i].Out.Size);

    /// <summary>Where entry i writes ∂L/∂(its input), or null when nobody reads it.</summary>
    private MatrixView<T>? Dx(int i, int rows) =>
        i > 0 ? G(i - 1, rows) : _inputGrad is null ? null : new MatrixView<T>(_inputGrad, 0, rows, _entries[0].In.Size);
}
