using System.Numerics.Tensors;
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
/// </summary>
internal sealed class FeedForwardNet<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Products up to this size (2·rows·in·out) are small enough that handing each one to both threads costs more in
    /// synchronisation than it gains: such nets run their forward pass and δ sweep in batch shares instead (below).
    /// </summary>
    private const long ShareMaxFlops = 32L << 20;

    private readonly MatrixProduct<T> _mm;
    private readonly Activation<T> _activation;
    private readonly FeedForwardSlot<T>[] _slots;

    /// <summary>Whether layer l's ∂L/∂h already holds a residual path's share when the layer above adds its own.</summary>
    private readonly bool[] _receivesSkip;

    /// <summary>
    /// No normalisation (batch norm couples the examples; layer norm sums its γ, β gradients over them) and more than one
    /// thread: a batch whose products are small (<see cref="ByShares"/>) is cut into one share per thread, each running
    /// every layer's forward and δ back-propagation alone; then the threads share out the layers' parameter gradients
    /// (whole products each) and probes. Every value is the same as on the other path, bit for bit.
    /// </summary>
    private readonly bool _sharesPossible;

    /// <summary>The largest layer's in·out.</summary>
    private readonly long _largestLayer;

    private readonly Action<int, MatrixProduct<T>> _forwardShare;
    private readonly Action<int, MatrixProduct<T>> _backwardShare;
    private readonly Action<int, MatrixProduct<T>> _layerGradients;
    private readonly Action<int, MatrixProduct<T>> _layerProbes;
    private readonly Action<int, MatrixProduct<T>> _layerBackwardProbes;

    /// <summary>Index in <see cref="Parameters"/> of each slot's first parameter.</summary>
    private readonly int[] _firstParameter;

    /// <summary>Where this backward pass writes Σ(∂L/∂p)², or null.</summary>
    private double[]? _squaresInto;
    private readonly int[] _shareSaturated;
    private MatrixView<T> _input;
    private StepRecord? _record;
    private int _shares;

    public FeedForwardNet(FeedForwardSpec model, int inputs, int outputs, int capacity, MatrixProduct<T> mm)
    {
        _mm = mm;
        _activation = new Activation<T>(model.Activation, model.LeakyReluSlope, model.EluAlpha);
        var widths = model.HiddenWidths();
        _slots = new FeedForwardSlot<T>[widths.Length + 1];
        var fanIn = inputs;
        for (var l = 0; l < _slots.Length; l++)
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
            _slots[l] = new FeedForwardSlot<T>(dense, norm, isReadout, SkipSource(model, l, widths.Length), capacity, mm.Threads);
            fanIn = width;
        }
        _receivesSkip = new bool[_slots.Length];
        foreach (var slot in _slots)
            if (slot.SkipFrom >= 0) _receivesSkip[slot.SkipFrom] = true;
        _sharesPossible = mm.Threads > 1 && model.Normalization == Normalization.None;
        _largestLayer = _slots.Max(s => (long)s.Dense.Inputs * s.Dense.Outputs);
        _forwardShare = ForwardShare;
        _backwardShare = BackwardShare;
        _layerGradients = LayerGradients;
        _layerProbes = LayerProbes;
        _layerBackwardProbes = LayerBackwardProbes;
        _shareSaturated = new int[mm.Threads * _slots.Length];
        Parameters = [.. _slots.SelectMany(s => s.Parameters)];
        _firstParameter = new int[_slots.Length];
        for (var l = 1; l < _slots.Length; l++) _firstParameter[l] = _firstParameter[l - 1] + _slots[l - 1].Parameters.Count;
        Buffers = [.. _slots.Where(s => s.Norm is not null).SelectMany(s => s.Norm!.Buffers)];
        Info = new ModelInfo(
            [.. _slots.Select((s, l) => new LayerInfo(l + 1, $"layers.{l}", s.Dense.Inputs, s.Dense.Outputs, s.IsReadout ? "readout" : "dense"))],
            Parameters.Sum(p => (long)p.Length), 0, 0, 1);
    }

    public ModelInfo Info { get; }
    public IReadOnlyList<Parameter<T>> Parameters { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers { get; }
    public IReadOnlyList<(string Name, double[] Data)> ProbeState => [];

    /// <summary>The linear layers, input side first.</summary>
    public IReadOnlyList<DenseLayer<T>> Layers => [.. _slots.Select(s => s.Dense)];

    /// <summary>
    /// residual-mlp: layer 0 projects the input to the width; layers 1 … D−1 form blocks of BlockSize layers, and the
    /// last layer of a block adds the block's input h_s (0-based slot s). Returns −1 where there is no skip.
    /// </summary>
    private static int SkipSource(FeedForwardSpec model, int slot, int hidden)
    {
        if (model is not ResidualMlpSpec residual || slot == 0 || slot >= hidden) return -1;
        var positionInBlocks = slot - 1;
        var block = residual.BlockSize;
        return positionInBlocks % block == block - 1 ? slot - block : -1;
    }

    public void Initialize(InitSpec init, Rng rng)
    {
        foreach (var s in _slots)
        {
            WeightInit.Fill<T>(s.Dense.Weight.Value, s.Dense.Outputs, s.Dense.Inputs, init.Scheme, init, rng);
            s.Dense.Bias.Value.AsSpan().Fill(T.CreateTruncating(init.Bias));
        }
    }

    public MatrixView<T> Forward(MatrixView<T> input, bool training, StepRecord? record)
    {
        var rows = input.Rows;
        if (ByShares(rows))
        {
            _input = input;
            _record = record;
            _shares = BatchRows.Shares(rows, _mm.Threads);
            _mm.ForEachPart(_shares, _forwardShare);
            _record = null;
            if (record is not null)
                for (var l = 0; l < _slots.Length; l++) ProbeForward(_slots[l], rows, _shares, ref record.Layers[l]);
            return _slots[^1].H(rows);
        }
        var x = input;
        for (var l = 0; l < _slots.Length; l++)
        {
            var s = _slots[l];
            s.Dense.Forward(_mm, x, s.Z(rows));
            if (s.Norm is not null) s.Norm.Forward(s.Z(rows), s.U(rows), training);
            Activate(s, BatchRows.All(rows));
            x = s.H(rows);
        }
        if (record is not null)
        {
            // The layers' probes as parts on every thread (the products above were already cut over the threads).
            _input = input;
            _mm.ForEachPart(_slots.Length, _layerProbes);
            for (var l = 0; l < _slots.Length; l++) ProbeForward(_slots[l], rows, 1, ref record.Layers[l]);
        }
        return x;
    }

    public MatrixView<T> LogitsGradient(int rows) => _slots[^1].G(rows);

    /// <summary>δ_l = ∂L/∂z_l of 0-based layer <paramref name="layer"/> from the last backward pass (tests compare it with PyTorch's).</summary>
    public MatrixView<T> PreactivationGradient(int layer, int rows) => _slots[layer].Delta(rows);

    public void Backward(MatrixView<T> input, StepRecord? record, double[]? gradSquares = null)
    {
        var rows = input.Rows;
        if (ByShares(rows))
        {
            _input = input;
            _record = record;
            _squaresInto = gradSquares;
            _shares = BatchRows.Shares(rows, _mm.Threads);
            _mm.ForEachPart(_shares, _backwardShare);
            _mm.ForEachPart(_slots.Length, _layerGradients);
            (_record, _squaresInto) = (null, null);
            return;
        }
        for (var l = _slots.Length - 1; l >= 0; l--)
        {
            var s = _slots[l];
            var saturated = BackActivation(s, BatchRows.All(rows));
            if (record is not null && !s.IsReadout) record.Layers[l].SaturationFraction = (double)saturated / (rows * s.Dense.Outputs);
            s.Norm?.Backward(s.DeltaU(rows), s.Delta(rows));
            var x = l == 0 ? input : _slots[l - 1].H(rows);
            MatrixView<T>? dx = l == 0 ? null : _slots[l - 1].G(rows);
            s.Dense.Backward(_mm, x, s.Delta(rows), dx, l > 0 && _receivesSkip[l - 1]);
        }
        if (record is not null || gradSquares is not null)
        {
            (_input, _record, _squaresInto) = (input, record, gradSquares);
            _mm.ForEachPart(_slots.Length, _layerBackwardProbes);
            (_record, _squaresInto) = (null, null);
        }
    }

    private bool ByShares(int rows) => _sharesPossible && 2L * rows * _largestLayer <= ShareMaxFlops;

    /// <summary>a = φ(u) and h = a (+ h_s) for the examples <paramref name="r"/>; nothing for the read-out.</summary>
    private void Activate(FeedForwardSlot<T> s, BatchRows r)
    {
        if (s.IsReadout) return;
        _activation.Forward(r.Of(s.U(r.Batch)).Span, r.Of(s.A(r.Batch)).Span);
        if (s.SkipFrom >= 0) TensorPrimitives.Add(r.Of(s.A(r.Batch)).Span, r.Of(_slots[s.SkipFrom].H(r.Batch)).Span, r.Of(s.H(r.Batch)).Span);
    }

    /// <summary>
    /// For the examples <paramref name="r"/>: passes ∂L/∂h down the identity path of a residual block (layer s+1 then adds
    /// its own share) and writes ∂L/∂u = ∂L/∂h ⊙ φ′(u); returns the saturated entries (0 for the read-out).
    /// </summary>
    private int BackActivation(FeedForwardSlot<T> s, BatchRows r)
    {
        if (s.IsReadout) return 0;
        if (s.SkipFrom >= 0) r.Of(s.G(r.Batch)).Span.CopyTo(r.Of(_slots[s.SkipFrom].G(r.Batch)).Span);
        var target = s.Norm is null ? s.Delta(r.Batch) : s.DeltaU(r.Batch);
        return _activation.Backward(r.Of(s.U(r.Batch)).Span, r.Of(s.A(r.Batch)).Span, r.Of(s.G(r.Batch)).Span, r.Of(target).Span);
    }

    private void ForwardShare(int share, MatrixProduct<T> mm)
    {
        var rows = _input.Rows;
        var r = BatchRows.Share(rows, share, _shares);
        var x = r.Of(_input);
        foreach (var s in _slots)
        {
            s.Dense.Forward(mm, x, r.Of(s.Z(rows)));
            Activate(s, r);
            if (_record is not null) ProbeRows(s, r, share);
            x = r.Of(s.H(rows));
        }
    }

    /// <summary>δ of every layer and ∂L/∂h below it, for one share of the examples.</summary>
    private void BackwardShare(int share, MatrixProduct<T> mm)
    {
        var rows = _input.Rows;
        var r = BatchRows.Share(rows, share, _shares);
        for (var l = _slots.Length - 1; l >= 0; l--)
        {
            var s = _slots[l];
            _shareSaturated[share * _slots.Length + l] = BackActivation(s, r);
            if (l > 0) s.Dense.InputGradient(mm, r.Of(s.Delta(rows)), r.Of(_slots[l - 1].G(rows)), _receivesSkip[l - 1]);
        }
    }

    /// <summary>Layer l's ∂L/∂W, ∂L/∂b over the whole batch (one product on one thread), and its backward probes.</summary>
    private void LayerGradients(int l, MatrixProduct<T> mm)
    {
        var rows = _input.Rows;
        var s = _slots[l];
        var delta = s.Delta(rows);
        s.Dense.ParameterGradients(mm, l == 0 ? _input : _slots[l - 1].H(rows), delta);
        LayerBackwardProbes(l, mm);
        if (_record is null || s.IsReadout) return;
        ref var stats = ref _record.Layers[l];
        var saturated = 0;
        for (var share = 0; share < _shares; share++) saturated += _shareSaturated[share * _slots.Length + l];
        stats.SaturationFraction = (double)saturated / (rows * s.Dense.Outputs);
    }

    /// <summary>Layer <paramref name="l"/>'s parameters' Σg² (when asked) and ‖δ_l‖ over the whole batch (with a record).</summary>
    private void LayerBackwardProbes(int l, MatrixProduct<T> mm)
    {
        var s = _slots[l];
        if (_squaresInto is { } squares)
            for (var j = 0; j < s.Parameters.Count; j++) squares[_firstParameter[l] + j] = GradientSquares<T>.Of(s.Parameters[j]);
        if (_record is not null) _record.Layers[l].PreactivationGradNorm = Math.Sqrt(Reductions.SumOfSquares<T>(s.Delta(_input.Rows).Span));
    }

    /// <summary>Layer <paramref name="l"/>'s activation sums over the whole batch (one part of a pass that did not go by shares).</summary>
    private void LayerProbes(int l, MatrixProduct<T> mm) => ProbeRows(_slots[l], BatchRows.All(_input.Rows), 0);

    /// <summary>Layer s's activation sums and alive units over the rows <paramref name="r"/> (a share, or the whole batch as share 0).</summary>
    private static void ProbeRows(FeedForwardSlot<T> s, BatchRows r, int share)
    {
        var alive = s.Alive.AsSpan(share * s.Dense.Outputs, s.Dense.Outputs);
        alive.Clear();
        GranuleSums.Moments(r.Of(s.IsReadout ? s.Z(r.Batch) : s.A(r.Batch)), r, s.MomentSums, s.MomentSquares, alive);
    }

    /// <summary>Activation mean, std and dead share of layer s from the sums of its <paramref name="shares"/> shares.</summary>
    private static void ProbeForward(FeedForwardSlot<T> s, int rows, int shares, ref LayerStats stats)
    {
        var used = GranuleSums.Count(rows);
        stats.SetActivationMoments(GranuleSums.Total(s.MomentSums.AsSpan(0, used)), GranuleSums.Total(s.MomentSquares.AsSpan(0, used)), (double)rows * s.Dense.Outputs);
        stats.DeadFraction = s.IsReadout ? 0 : Reductions.DeadShare<T>(s.Alive.AsSpan(0, shares * s.Dense.Outputs), s.Dense.Outputs);
        if (s.IsReadout) stats.SaturationFraction = 0;
    }
}
