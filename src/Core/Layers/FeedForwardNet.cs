using System.Numerics.Tensors;
using GradientService.Core.Activations;
using GradientService.Core.Init;
using GradientService.Core.Probes;
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
    private readonly MatrixProduct<T> _mm;
    private readonly Activation<T> _activation;
    private readonly FeedForwardSlot<T>[] _slots;
    private readonly bool[] _accumulate;

    public FeedForwardNet(ModelSpec model, int inputs, int outputs, int capacity, MatrixProduct<T> mm)
    {
        _mm = mm;
        _activation = new Activation<T>(model.Activation, model.LeakyReluSlope, model.EluAlpha);
        var widths = HiddenWidths(model);
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
            _slots[l] = new FeedForwardSlot<T>(dense, norm, isReadout, SkipSource(model, l, widths.Length), capacity);
            fanIn = width;
        }
        _accumulate = new bool[_slots.Length];
        Parameters = [.. _slots.SelectMany(s => s.Parameters)];
        Buffers = [.. _slots.Where(s => s.Norm is not null).SelectMany(s => s.Norm!.Buffers)];
        Info = new ModelInfo(
            [.. _slots.Select((s, l) => new LayerInfo(l + 1, $"layers.{l}", s.Dense.Inputs, s.Dense.Outputs, s.IsReadout ? "readout" : "dense"))],
            Parameters.Sum(p => (long)p.Length), 0, 0, 1);
    }

    public ModelInfo Info { get; }
    public IReadOnlyList<Parameter<T>> Parameters { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers { get; }

    /// <summary>The linear layers, input side first.</summary>
    public IReadOnlyList<DenseLayer<T>> Layers => [.. _slots.Select(s => s.Dense)];

    /// <summary>Hidden widths: the explicit list, or depth × width.</summary>
    public static int[] HiddenWidths(ModelSpec model) =>
        model.Widths is { Length: > 0 } widths ? widths : Enumerable.Repeat(model.Width, model.Depth).ToArray();

    /// <summary>
    /// residual-mlp: layer 0 projects the input to the width; layers 1 … D−1 form blocks of BlockSize layers, and the
    /// last layer of a block adds the block's input h_s (0-based slot s). Returns −1 where there is no skip.
    /// </summary>
    private static int SkipSource(ModelSpec model, int slot, int hidden)
    {
        if (model.Architecture != Architecture.ResidualMlp || slot == 0 || slot >= hidden) return -1;
        var positionInBlocks = slot - 1;
        var block = model.BlockSize;
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
        var x = input;
        for (var l = 0; l < _slots.Length; l++)
        {
            var s = _slots[l];
            var rows = x.Rows;
            s.Dense.Forward(_mm, x, s.Z(rows));
            if (s.Norm is not null) s.Norm.Forward(s.Z(rows), s.U(rows), training);
            if (!s.IsReadout)
            {
                _activation.Forward(s.U(rows).Span, s.A(rows).Span);
                if (s.SkipFrom >= 0) TensorPrimitives.Add(s.A(rows).Span, _slots[s.SkipFrom].H(rows).Span, s.H(rows).Span);
            }
            if (record is not null) ProbeForward(s, rows, ref record.Layers[l]);
            x = s.H(rows);
        }
        return x;
    }

    public MatrixView<T> LogitsGradient(int rows) => _slots[^1].G(rows);

    /// <summary>δ_l = ∂L/∂z_l of 0-based layer <paramref name="layer"/> from the last backward pass (tests compare it with PyTorch's).</summary>
    public MatrixView<T> PreactivationGradient(int layer, int rows) => _slots[layer].Delta(rows);

    public void Backward(MatrixView<T> input, StepRecord? record)
    {
        var rows = input.Rows;
        Array.Clear(_accumulate);
        for (var l = _slots.Length - 1; l >= 0; l--)
        {
            var s = _slots[l];
            if (!s.IsReadout)
            {
                if (s.SkipFrom >= 0)
                {
                    // The identity path: ∂L/∂h_s receives ∂L/∂h_l unchanged; layer s+1 then adds its own share.
                    s.G(rows).Span.CopyTo(_slots[s.SkipFrom].G(rows).Span);
                    _accumulate[s.SkipFrom] = true;
                }
                var target = s.Norm is null ? s.Delta(rows) : s.DeltaU(rows);
                var saturated = _activation.Backward(s.U(rows).Span, s.A(rows).Span, s.G(rows).Span, target.Span);
                if (record is not null) record.Layers[l].SaturationFraction = (double)saturated / (rows * s.Dense.Outputs);
                s.Norm?.Backward(s.DeltaU(rows), s.Delta(rows));
            }
            var x = l == 0 ? input : _slots[l - 1].H(rows);
            MatrixView<T>? dx = l == 0 ? null : _slots[l - 1].G(rows);
            s.Dense.Backward(_mm, x, s.Delta(rows), dx, l > 0 && _accumulate[l - 1]);
            if (record is not null) record.Layers[l].PreactivationGradNorm = Math.Sqrt(Reductions.SumOfSquares<T>(s.Delta(rows).Span));
        }
    }

    private static void ProbeForward(FeedForwardSlot<T> s, int rows, ref LayerStats stats)
    {
        var a = s.IsReadout ? s.Z(rows) : s.A(rows);
        var (sum, sumSquares, dead) = Reductions.ActivationStats(a, s.Alive);
        var n = (double)a.Length;
        var mean = sum / n;
        stats.ActivationMean = mean;
        stats.ActivationStd = Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean));
        stats.DeadFraction = s.IsReadout ? 0 : dead;
        if (s.IsReadout) stats.SaturationFraction = 0;
    }
}
