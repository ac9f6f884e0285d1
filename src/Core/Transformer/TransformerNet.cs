using System.Numerics.Tensors;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Init;
using GradientService.Core.Layers;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Transformer;

/// <summary>
/// transformer: an encoder on [B, T, in] sequences (batch first, each example's T·in features one data row, so the batch
/// is [B·T, in] rows as it stands): x₀ = input_proj(x) + pos[t], N <see cref="TransformerBlock{T}"/>s, an optional final
/// norm, and the head on the last position or the mean over positions. PyTorch's nn.TransformerEncoder names throughout.
/// </summary>
internal sealed class TransformerNet<T> : INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MatrixProduct<T> _mm;
    private readonly TransformerSpec _spec;
    private readonly TransformerShape _shape;
    private readonly TransformerScratch<T> _scratch;
    private readonly DenseLayer<T> _inputProj;
    private readonly Parameter<T> _pos;
    private readonly TransformerBlock<T>[] _blocks;
    private readonly LayerNorm<T>? _norm;
    private readonly DenseLayer<T> _head;

    /// <summary>The residual stream x₀ … x_N, each [B·T, E].</summary>
    private readonly T[][] _stream;

    /// <summary>norm(x_N) when there is a final norm.</summary>
    private readonly T[] _normed;

    private readonly T[] _readIn, _readInGrad, _logits, _logitsGrad;
    private readonly GradientSquares<T> _gradSquares;

    private int _batch;

    public TransformerNet(TransformerSpec spec, int inputs, int outputs, int steps, int capacity, MatrixProduct<T> mm)
    {
        _mm = mm;
        _spec = spec;
        var shape = _shape = TransformerShape.Of(spec, inputs, outputs, steps);
        if (shape.Width % shape.Heads != 0 || shape.MaxPositions < steps)
            throw new ArgumentException($"heads {shape.Heads} must divide width {shape.Width} and positions {shape.MaxPositions} cover T = {steps}.", nameof(spec));
        _scratch = new TransformerScratch<T>(shape, capacity);
        var rows = capacity * steps;
        var e = shape.Width;
        _inputProj = new DenseLayer<T>("input_proj", 0, inputs, e);
        _pos = new Parameter<T>("pos", 0, shape.MaxPositions, e) { Role = ParameterRole.Weight };
        _blocks = [.. Enumerable.Range(0, shape.Blocks).Select(i => new TransformerBlock<T>(i, shape, spec, capacity, _scratch))];
        _norm = spec.HasFinalNorm() ? new LayerNorm<T>("norm", shape.HeadGroup, e, rows, spec.NormEpsilon, ParameterRole.Bias) : null;
        _head = new DenseLayer<T>("head", shape.HeadGroup, e, outputs);
        _stream = [.. Enumerable.Range(0, shape.Blocks + 1).Select(_ => new T[rows * e])];
        _normed = _norm is null ? [] : new T[rows * e];
        _readIn = new T[capacity * e];
        _readInGrad = new T[capacity * e];
        _logits = new T[capacity * outputs];
        _logitsGrad = new T[capacity * outputs];
        Parameters =
        [
            _inputProj.Weight, _inputProj.Bias, _pos, .. _blocks.SelectMany(b => b.Parameters),
            .. _norm is null ? [] : new[] { _norm.Gamma, _norm.Beta }, _head.Weight, _head.Bias,
        ];
        _gradSquares = new GradientSquares<T>(Parameters, mm);
        Info = new ModelInfo(
            [
                new LayerInfo(1, "input_proj", inputs, e, "input"),
                .. Enumerable.Range(0, shape.Blocks).SelectMany(i => new[]
                {
                    new LayerInfo(2 + 2 * i, $"layers.{i}.self_attn", e, e, "attention"),
                    new LayerInfo(3 + 2 * i, $"layers.{i}.ff", e, e, "feed-forward"),
                }),
                new LayerInfo(shape.Rows, "head", e, outputs, "readout"),
            ],
            Parameters.Sum(p => (long)p.Length), 0, 0, steps);
    }

    public ModelInfo Info { get; }
    public IReadOnlyList<Parameter<T>> Parameters { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers => [];
    public IReadOnlyList<(string Name, double[] Data)> ProbeState => [];

    /// <summary>
    /// PyTorch's init of nn.TransformerEncoderLayer where it is fixed (in_proj xavier-uniform, layer norms 1 and 0), the
    /// spec's scheme for every other matrix (input_proj, out_proj, linear1, linear2, head; PyTorch's own default for them is
    /// U(±1/√fan_in), the scheme standard), the spec's bias for every bias (PyTorch: in_proj and out_proj 0, linear
    /// U(±1/√fan_in)), pos N(0, 0.02²). Drawn in <see cref="Parameters"/> order.
    /// </summary>
    public void Initialize(InitSpec init, Rng rng)
    {
        foreach (var p in Parameters)
        {
            if (p == _pos) PositionInit(p.Value, rng);
            else if (p.Role == ParameterRole.Weight)
            {
                var scheme = p.Name.EndsWith("in_proj_weight", StringComparison.Ordinal) ? InitScheme.XavierUniform : init.Scheme;
                WeightInit.Fill<T>(p.Value, p.Shape[0], p.Shape[1], scheme, init, rng);
            }
            else if (p.Name.EndsWith("norm1.weight", StringComparison.Ordinal) || p.Name.EndsWith("norm2.weight", StringComparison.Ordinal) || p.Name == "norm.weight")
                p.Value.AsSpan().Fill(T.One);
            else if (p.Name.Contains("norm", StringComparison.Ordinal))
                p.Value.AsSpan().Clear();
            else WeightInit.FillBias<T>(p.Value, init, rng);
        }
    }

    /// <summary>Standard deviation of the learned positions' draw (GPT-2's, and the oracle bench's).</summary>
    public const double PositionStd = 0.02;

    private static void PositionInit(Span<T> pos, Rng rng)
    {
        for (var i = 0; i < pos.Length; i++) pos[i] = T.CreateTruncating(PositionStd * rng.NextGaussian());
    }

    public MatrixView<T> Forward(MatrixView<T> input, bool training, StepRecord? record)
    {
        var batch = _batch = input.Rows;
        var (steps, e) = (_shape.Steps, _shape.Width);
        var rows = batch * steps;
        if (input.Cols != steps * _shape.Inputs) throw new ArgumentException($"Expected rows of T·in = {steps * _shape.Inputs} features, got {input.Cols}.", nameof(input));
        var x0 = Stream(0, rows);
        _inputProj.Forward(_mm, Tokens(input), x0);
        var pos = _pos.Value.AsSpan(0, steps * e);
        double sum = 0, squares = 0;
        for (var b = 0; b < batch; b++)
        {
            // The probe's moments example by example, in order, while the example's rows are still in L1.
            var block = x0.Span.Slice(b * steps * e, steps * e);
            TensorPrimitives.Add(block, pos, block);
            if (record is null) continue;
            var (s, q) = Reductions.Moments<T>(block);
            (sum, squares) = (sum + s, squares + q);
        }
        if (record is not null)
        {
            ref var stats = ref record.Layers[0];
            stats.SetActivationMoments(sum, squares, x0.Length);
            stats.SaturationFraction = 0;
            stats.DeadFraction = 0;
        }
        for (var i = 0; i < _blocks.Length; i++)
            _blocks[i].Forward(_mm, Stream(i, rows), Stream(i + 1, rows), training, record, 1 + 2 * i);
        var top = Stream(_blocks.Length, rows);
        if (_norm is not null)
        {
            var normed = new MatrixView<T>(_normed, 0, rows, e);
            _norm.Forward(top, normed, training);
            top = normed;
        }
        var readIn = new MatrixView<T>(_readIn, 0, batch, e);
        ReadIn(top, readIn);
        var logits = new MatrixView<T>(_logits, 0, batch, _shape.Outputs);
        _head.Forward(_mm, readIn, logits);
        if (record is not null)
        {
            ref var stats = ref record.Layers[^1];
            ProbeOutput(ref stats, logits);
            stats.SaturationFraction = 0;
            stats.DeadFraction = 0;
        }
        return logits;
    }

    public MatrixView<T> LogitsGradient(int rows) => new(_logitsGrad, 0, rows, _shape.Outputs);

    public void Backward(MatrixView<T> input, StepRecord? record, double[]? gradSquares = null)
    {
        var batch = _batch;
        var (steps, e) = (_shape.Steps, _shape.Width);
        var rows = batch * steps;
        var s = _scratch;
        var dLogits = LogitsGradient(batch);
        var readInGrad = new MatrixView<T>(_readInGrad, 0, batch, e);
        _head.Backward(_mm, new MatrixView<T>(_readIn, 0, batch, e), dLogits, readInGrad, false);
        var gx = s.Rows(s.GradX, rows);
        var gTop = _norm is null ? gx : s.Rows(s.GradA, rows);
        ReadInBackward(readInGrad, gTop);
        _norm?.Backward(gTop, gx);
        // ‖∂L/∂x_i‖ of the stream, each taken once: the head's δ is the top block's output gradient, a block's input
        // gradient the next one down's, and block 0's is input_proj's δ.
        var streamNorm = double.NaN;
        if (record is not null)
        {
            ref var stats = ref record.Layers[^1];
            stats.PreactivationGradNorm = streamNorm = Math.Sqrt(Reductions.SumOfSquares<T>(gx.Span));
            stats[LayerMetric.OutputGradNorm] = Math.Sqrt(Reductions.SumOfSquares<T>(dLogits.Span));
        }
        for (var i = _blocks.Length - 1; i >= 0; i--) streamNorm = _blocks[i].Backward(_mm, Stream(i, rows), record, 1 + 2 * i, streamNorm);

        // gx = ∂L/∂x₀: input_proj's δ (no ∂L/∂input: the data is not trained); pos[t] sums the batch's rows at t.
        _inputProj.ParameterGradients(_mm, Tokens(input), gx);
        var dPos = _pos.Grad.AsSpan();
        dPos.Clear();
        for (var b = 0; b < batch; b++)
            TensorPrimitives.Add(dPos[..(steps * e)], gx.Span.Slice(b * steps * e, steps * e), dPos[..(steps * e)]);
        if (record is not null) record.Layers[0].PreactivationGradNorm = streamNorm;
        if (gradSquares is not null) _gradSquares.Fill(gradSquares);
    }

    /// <summary>The batch as [B·T, in] token rows (the same storage: batch first).</summary>
    private MatrixView<T> Tokens(MatrixView<T> input) => new(input.Data, input.Offset, input.Rows * _shape.Steps, _shape.Inputs);

    private MatrixView<T> Stream(int i, int rows) => new(_stream[i], 0, rows, _shape.Width);

    /// <summary>The head's input: each example's last position, or the mean over its positions.</summary>
    private void ReadIn(MatrixView<T> top, MatrixView<T> readIn)
    {
        var steps = _shape.Steps;
        for (var b = 0; b < readIn.Rows; b++)
        {
            var row = readIn.Row(b);
            if (_spec.Readout == ReadoutKind.Last)
            {
                top.Row(b * steps + steps - 1).CopyTo(row);
                continue;
            }
            row.Clear();
            for (var t = 0; t < steps; t++) TensorPrimitives.Add(row, top.Row(b * steps + t), row);
            TensorPrimitives.Divide(row, T.CreateTruncating(steps), row);
        }
    }

    /// <summary>∂L/∂top from ∂L/∂readIn: the last position's row (others 0), or 1/T of it at every position.</summary>
    private void ReadInBackward(MatrixView<T> readInGrad, MatrixView<T> gTop)
    {
        var steps = _shape.Steps;
        if (_spec.Readout == ReadoutKind.Last) gTop.Span.Clear();
        for (var b = 0; b < readInGrad.Rows; b++)
        {
            var g = readInGrad.Row(b);
            if (_spec.Readout == ReadoutKind.Last)
            {
                g.CopyTo(gTop.Row(b * steps + steps - 1));
                continue;
            }
            for (var t = 0; t < steps; t++) TensorPrimitives.Divide(g, T.CreateTruncating(steps), gTop.Row(b * steps + t));
        }
    }

    private static void ProbeOutput(ref LayerStats stats, MatrixView<T> m)
    {
        var (sum, squares) = Reductions.Moments<T>(m.Span);
        stats.SetActivationMoments(sum, squares, m.Length);
    }
}
