using GradientService.Core.Activations;
using GradientService.Core.Init;
using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Layers;

/// <summary>
/// mlp and residual-mlp: L linear layers "layers.0" … "layers.{L−1}" (the last is the read-out, no activation).
/// Hidden layer l: z_l = h_{l−1}W_lᵀ + b_l, u_l = norm(z_l) (or z_l), a_l = φ(u_l), h_l = a_l (+ h_s when layer l
/// ends a residual block that started after layer s). Normalisation modules are named "norms.{l−1}".
/// With a hierarchical-softmax output the read-out "layers.{L−1}" is a <see cref="HierarchicalSoftmax{T}"/> (<see cref="Head"/>):
/// the net's output is then the last hidden layer's h, and the head runs inside the loss, which needs the labels
/// (<see cref="Losses.HierarchicalSoftmaxLoss{T}"/>).
/// </summary>
internal sealed partial class FeedForwardNet<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Products up to this size (2·rows·in·out) are small enough that handing each one to both threads costs more in
    /// synchronisation than it gains: such nets run their forward pass and δ sweep in batch shares instead (below).
    /// </summary>
    private const long ShareMaxFlops = 32L << 20;

    private readonly MatrixProduct<T> _mm;
    private readonly FeedForwardLayer<T>[] _layers;

    /// <summary>
    /// No normalisation (batch norm couples the examples; layer norm sums its γ, β gradients over them) and more than one
    /// thread: a batch whose products are small (<see cref="ByShares"/>) is cut into one share per thread, each running
    /// every layer's forward and δ back-propagation alone; then the threads share out the layers' parameter gradients
    /// (whole products each) and probes. A larger batch runs layer by layer, each product cut over the threads, and so is
    /// the point-wise work between two products (b and φ, φ′ by rows; Σδ by outputs), so no thread idles through it.
    /// Every value is the same as on the other schedules, bit for bit.
    /// </summary>
    private readonly bool _sharesPossible;

    /// <summary>The largest layer's in·out.</summary>
    private readonly long _largestLayer;

    private readonly Action<int, MatrixProduct<T>> _forwardShare;
    private readonly Action<int, MatrixProduct<T>> _backwardShare;
    private readonly Action<int, MatrixProduct<T>> _layerGradients;
    private readonly Action<int, MatrixProduct<T>> _pointwise;
    private readonly Action<int, MatrixProduct<T>> _pointwiseBackward;
    private readonly Action<int, MatrixProduct<T>> _biasGradient;

    /// <summary>The pass in progress: its input, whether it trains, and how many shares its batch is cut into (1: whole).</summary>
    private MatrixView<T> _input;
    private bool _training;
    private int _shares;

    /// <summary>The layer whose point-wise work runs in <see cref="_parts"/> parts (the whole-batch schedule).</summary>
    private int _current;
    private int _parts;

    public FeedForwardNet(FeedForwardSpec model, int inputs, int outputs, int capacity, MatrixProduct<T> mm, OutputLayer output = OutputLayer.Softmax)
    {
        _mm = mm;
        var activation = new Activation<T>(model.Activation, model.LeakyReluSlope, model.EluAlpha);
        var widths = model.HiddenWidths();
        var hierarchical = output == OutputLayer.HierarchicalSoftmax;
        _layers = new FeedForwardLayer<T>[hierarchical ? widths.Length : widths.Length + 1];
        var fanIn = inputs;
        for (var l = 0; l < _layers.Length; l++)
        {
            var isReadout = l == widths.Length;
            var width = isReadout ? outputs : widths[l];
            var dense = new DenseLayer<T>($"layers.{l}", l, fanIn, width);
            INormalization<T>? norm = isReadout ? null : model.Normalization switch
            {
                Normalization.BatchNorm => new BatchNorm<T>($"norms.{l}", l, width, capacity, model.NormEpsilon, model.NormMomentum),
                Normalization.LayerNorm => new LayerNorm<T>($"norms.{l}", l, width, capacity, model.NormEpsilon),
                _ => null,
            };
            var skip = SkipSource(model, l, widths.Length) is var s and >= 0 ? _layers[s] : null;
            _layers[l] = new FeedForwardLayer<T>(dense, norm, activation, isReadout, skip, capacity, mm.Threads);
            fanIn = width;
        }
        if (hierarchical) Head = new HierarchicalSoftmax<T>($"layers.{widths.Length}", widths.Length, fanIn, outputs, capacity, mm);
        _sharesPossible = mm.Threads > 1 && model.Normalization == Normalization.None;
        _largestLayer = _layers.Max(s => (long)s.Dense.Inputs * s.Dense.Outputs);
        _forwardShare = ForwardShare;
        _backwardShare = BackwardShare;
        _layerGradients = LayerGradients;
        _pointwise = Pointwise;
        _pointwiseBackward = PointwiseBackward;
        _biasGradient = BiasGradient;
        _layerProbes = (l, _) => ProbeRows(_layers[l], BatchRows.All(_input.Rows), 0);
        _gradPart = (part, _) => GradPart(part);
        _gradParts = [.. _layers.SelectMany((s, l) => s.Parameters.SelectMany((p, j) => Enumerable.Range(0, TensorBlocks.Count(p.Length))
            .Select(b => TensorBlocks.Range(p.Length, b)).Select(r => (l, j, r.Start, r.Length))))];
        _gradPartSquares = new double[_gradParts.Length];
        _shareSaturated = new int[mm.Threads * _layers.Length];
        Parameters = [.. _layers.SelectMany(s => s.Parameters), .. Head is { } head ? new[] { head.Weight, head.Bias } : []];
        _firstParameter = new int[_layers.Length];
        for (var l = 1; l < _layers.Length; l++) _firstParameter[l] = _firstParameter[l - 1] + _layers[l - 1].Parameters.Count;
        Buffers = [.. _layers.Where(s => s.Norm is not null).SelectMany(s => s.Norm!.Buffers)];
        LayerInfo[] layers = [.. _layers.Select((s, l) => new LayerInfo(l + 1, $"layers.{l}", s.Dense.Inputs, s.Dense.Outputs, s.IsReadout ? "readout" : "dense"))];
        if (Head is { } h) layers = [.. layers, new LayerInfo(layers.Length + 1, $"layers.{layers.Length}", h.Inputs, h.Tree.Nodes, HierarchicalKind)];
        Info = new ModelInfo(layers, Parameters.Sum(p => (long)p.Length), 0, 0, 1, Head?.Tree.Depth ?? 0);
    }

    /// <summary>The <see cref="LayerInfo.Kind"/> of a hierarchical-softmax read-out.</summary>
    public const string HierarchicalKind = "hierarchical-softmax";

    /// <summary>The hierarchical-softmax read-out, or null for a linear one.</summary>
    public HierarchicalSoftmax<T>? Head { get; }

    public ModelInfo Info { get; }
    public IReadOnlyList<Parameter<T>> Parameters { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers { get; }
    public IReadOnlyList<(string Name, double[] Data)> ProbeState => [];


    /// <summary>
    /// residual-mlp: layer 0 projects the input to the width; layers 1 … D−1 form blocks of BlockSize layers, and the
    /// last layer of a block adds the block's input h_s (0-based layer s). Returns −1 where there is no skip.
    /// </summary>
    private static int SkipSource(FeedForwardSpec model, int layer, int hidden)
    {
        if (model is not ResidualMlpSpec residual || layer == 0 || layer >= hidden) return -1;
        var positionInBlocks = layer - 1;
        var block = residual.BlockSize;
        return positionInBlocks % block == block - 1 ? layer - block : -1;
    }

    public void Initialize(InitSpec init, Rng rng)
    {
        foreach (var s in _layers)
        {
            WeightInit.Fill<T>(s.Dense.Weight.Value, s.Dense.Outputs, s.Dense.Inputs, init.Scheme, init, rng);
            WeightInit.FillBias<T>(s.Dense.Bias.Value, init, rng);
        }
        if (Head is not { } head) return;
        WeightInit.Fill<T>(head.Weight.Value, head.Tree.Nodes, head.Inputs, init.Scheme, init, rng);
        WeightInit.FillBias<T>(head.Bias.Value, init, rng);
    }

    public MatrixView<T> Forward(MatrixView<T> input, bool training, StepRecord? record)
    {
        var rows = input.Rows;
        (_input, _training, _record) = (input, training, record);
        if (ByShares(rows))
        {
            _shares = BatchRows.Shares(rows, _mm.Threads);
            _mm.ForEachPart(_shares, _forwardShare);
        }
        else
        {
            _shares = 1;
            if (!_sharesPossible) ForwardRows(BatchRows.All(rows), _mm, record is null ? -1 : 0);
            else
            {
                ForwardInParts(rows);
                // Wide layers: their probes as parts on every thread (one layer per part) rather than one thread after each layer.
                if (record is not null) _mm.ForEachPart(_layers.Length, _layerProbes);
            }
        }
        _record = null;
        if (record is not null) ProbeForward(rows, record);
        return _layers[^1].H(rows);
    }

    public MatrixView<T> LogitsGradient(int rows) => _layers[^1].G(rows);

    /// <summary>0-based layer <paramref name="l"/> and its buffers from the last pass (layer-wise pretraining reads its codes).</summary>
    public FeedForwardLayer<T> Layer(int l) => _layers[l];

    /// <summary>δ_l = ∂L/∂z_l of 0-based layer <paramref name="layer"/> from the last backward pass (tests compare it with PyTorch's).</summary>
    public MatrixView<T> PreactivationGradient(int layer, int rows) => _layers[layer].Delta(rows);

    public void Backward(MatrixView<T> input, StepRecord? record, double[]? gradSquares = null)
    {
        var rows = input.Rows;
        (_input, _record, _squaresInto) = (input, record, gradSquares);
        if (ByShares(rows))
        {
            _shares = BatchRows.Shares(rows, _mm.Threads);
            _mm.ForEachPart(_shares, _backwardShare);
            _mm.ForEachPart(_layers.Length, _layerGradients);
        }
        else
        {
            _shares = 1;
            if (!_sharesPossible) BackwardRows(BatchRows.All(rows), 0, _mm, parameterGradients: true);
            else
            {
                BackwardInParts(rows);
                if (record is not null || gradSquares is not null) BackwardProbesInParts();
            }
        }
        if (Head is not null) HeadProbes(record, gradSquares);
        (_record, _squaresInto) = (null, null);
    }

    private bool ByShares(int rows) => _sharesPossible && 2L * rows * _largestLayer <= ShareMaxFlops;

    /// <summary>The layer's input [batch, in]: the net's input, or the output of the layer below.</summary>
    private MatrixView<T> LayerInput(int l, int rows) => l == 0 ? _input : _layers[l - 1].H(rows);

    /// <summary>Every layer's forward for the rows <paramref name="r"/>, with their probe sums when <paramref name="probeShare"/> ≥ 0.</summary>
    private void ForwardRows(BatchRows r, MatrixProduct<T> mm, int probeShare)
    {
        for (var l = 0; l < _layers.Length; l++)
        {
            _layers[l].Forward(mm, LayerInput(l, r.Batch), r, _training);
            if (probeShare >= 0) ProbeRows(_layers[l], r, probeShare);
        }
    }

    /// <summary>Every layer's δ and ∂L/∂h below it for the rows <paramref name="r"/> (and, on the whole batch, its parameter gradients).</summary>
    private void BackwardRows(BatchRows r, int share, MatrixProduct<T> mm, bool parameterGradients)
    {
        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            _shareSaturated[share * _layers.Length + l] = _layers[l].Backward(mm, LayerInput(l, r.Batch), r, l == 0 ? null : _layers[l - 1], parameterGradients);
            if (parameterGradients) LayerBackwardProbes(l);
        }
    }

    /// <summary>The whole batch layer by layer: each product on every thread, then its point-wise work in parts on every thread.</summary>
    private void ForwardInParts(int rows)
    {
        _parts = BatchRows.Shares(rows, _mm.Threads);
        for (_current = 0; _current < _layers.Length; _current++)
        {
            _layers[_current].Dense.Product(_mm, LayerInput(_current, rows), _layers[_current].Z(rows));
            _mm.ForEachPart(_parts, _pointwise);
        }
    }

    /// <summary>The whole batch from the top layer down, as <see cref="ForwardInParts"/>; saturated entries counted as share 0's.</summary>
    private void BackwardInParts(int rows)
    {
        _parts = BatchRows.Shares(rows, _mm.Threads);
        for (_current = _layers.Length - 1; _current >= 0; _current--)
        {
            var layer = _layers[_current];
            _shareSaturated[_current] = 0;
            if (!layer.IsReadout) _mm.ForEachPart(_parts, _pointwiseBackward);
            layer.Dense.WeightGradient(_mm, LayerInput(_current, rows), layer.Delta(rows));
            _mm.ForEachPart(_parts, _biasGradient);
            if (_current > 0) layer.InputGradient(_mm, BatchRows.All(rows), _layers[_current - 1]);
        }
    }

    private void Pointwise(int part, MatrixProduct<T> mm) => _layers[_current].Pointwise(BatchRows.Share(_input.Rows, part, _parts), _training);

    private void PointwiseBackward(int part, MatrixProduct<T> mm) =>
        Interlocked.Add(ref _shareSaturated[_current], _layers[_current].PointwiseBackward(BatchRows.Share(_input.Rows, part, _parts)));

    /// <summary>∂L/∂b of part <paramref name="part"/> of the outputs (whole vectors of 16).</summary>
    private void BiasGradient(int part, MatrixProduct<T> mm)
    {
        var dense = _layers[_current].Dense;
        var size = ((dense.Outputs + _parts - 1) / _parts + 15) / 16 * 16;
        var from = Math.Min(dense.Outputs, part * size);
        dense.BiasGradient(_layers[_current].Delta(_input.Rows), from, Math.Min(dense.Outputs, from + size));
    }

    private void ForwardShare(int share, MatrixProduct<T> mm) =>
        ForwardRows(BatchRows.Share(_input.Rows, share, _shares), mm, _record is null ? -1 : share);

    private void BackwardShare(int share, MatrixProduct<T> mm) =>
        BackwardRows(BatchRows.Share(_input.Rows, share, _shares), share, mm, parameterGradients: false);

    /// <summary>Layer l's ∂L/∂W, ∂L/∂b over the whole batch (one product on one thread), and its backward probes.</summary>
    private void LayerGradients(int l, MatrixProduct<T> mm)
    {
        _layers[l].ParameterGradients(mm, LayerInput(l, _input.Rows));
        LayerBackwardProbes(l);
    }
}
