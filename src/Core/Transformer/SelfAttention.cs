using GradientService.Core.Layers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Transformer;

/// <summary>
/// One block's multi-head self-attention, PyTorch's nn.MultiheadAttention (batch first, no dropout):
/// [q | k | v] = x·W_inᵀ + b_in (W_in [3E, E], rows q, k, v), each split into H heads of d = E/H consecutive columns;
/// per example b and head h, P = softmax(q kᵀ/√d + M) (M = −∞ above the diagonal when causal), ctx = P·v; the heads'
/// ctx side by side go through out_proj. The per-(b, h) products run on the product's single-threaded lanes, one
/// contiguous range of pairs per thread: each pair is computed alone, so the result does not depend on the cut.
/// Backward per pair: ∂v = Pᵀ·∂ctx, ∂P = ∂ctx·vᵀ, ∂S = P ⊙ (∂P − rowsum(P ⊙ ∂P))/√d, ∂q = ∂S·k, ∂k = ∂Sᵀ·q.
/// </summary>
internal sealed class SelfAttention<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TransformerShape _shape;
    private readonly TransformerScratch<T> _scratch;
    private readonly bool _causal;
    private readonly T _scale;

    /// <summary>q, k and v head-major, [3][B·H][T, d] (kept for backward).</summary>
    private readonly T[] _heads;

    /// <summary>The attention weights P, [B·H][T, T] (kept for backward).</summary>
    private readonly T[] _weights;

    /// <summary>The heads' ctx side by side, [B·T, E] (out_proj's input, kept for its weight gradient).</summary>
    private readonly T[] _context;

    /// <summary>Per (b, h) pair, Σ over query rows of −Σ_j p_j ln p_j (the forward probe).</summary>
    private readonly double[] _pairEntropy;

    private readonly Action<int, MatrixProduct<T>> _forwardPart;
    private readonly Action<int, MatrixProduct<T>> _backwardPart;
    private int _batch, _parts;
    private bool _probing;

    public SelfAttention(int block, TransformerShape shape, bool causal, int capacity, TransformerScratch<T> scratch)
    {
        _shape = shape;
        _scratch = scratch;
        _causal = causal;
        var (e, t, h) = (shape.Width, shape.Steps, shape.Heads);
        _scale = T.One / T.Sqrt(T.CreateTruncating(shape.HeadWidth));
        var group = TransformerShape.AttentionGroup(block);
        var prefix = $"layers.{block}.self_attn";
        InProj = new DenseLayer<T>($"{prefix}.in_proj_weight", $"{prefix}.in_proj_bias", group, e, 3 * e);
        OutProj = new DenseLayer<T>($"{prefix}.out_proj", group, e, e);
        var rows = capacity * t;
        _heads = new T[3 * rows * e];
        _weights = new T[capacity * h * t * t];
        _context = new T[rows * e];
        _pairEntropy = new double[capacity * h];
        _forwardPart = ForwardPart;
        _backwardPart = BackwardPart;
    }

    public DenseLayer<T> InProj { get; }
    public DenseLayer<T> OutProj { get; }

    /// <summary>sa = out_proj(attention(x)) for [B·T, E] rows <paramref name="x"/>; with <paramref name="probing"/>,
    /// returns the attention entropy (mean over batch, heads and query rows, nats), else NaN.</summary>
    public double Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> sa, bool probing)
    {
        var batch = _batch = x.Rows / _shape.Steps;
        _probing = probing;
        var qkv = _scratch.Qkv(x.Rows);
        InProj.Forward(mm, x, qkv);
        RunParts(mm, _forwardPart);
        OutProj.Forward(mm, Context(x.Rows), sa);
        if (!probing) return double.NaN;
        var total = 0.0;
        var pairs = batch * _shape.Heads;
        for (var p = 0; p < pairs; p++) total += _pairEntropy[p];
        return total / ((double)pairs * _shape.Steps);
    }

    /// <summary>From ∂L/∂sa: the four parameters' gradients and ∂L/∂x (written to <paramref name="dx"/>).</summary>
    public void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> dSa, MatrixView<T> dx)
    {
        var rows = x.Rows;
        var dContext = _scratch.Rows(_scratch.DContext, rows);
        OutProj.Backward(mm, Context(rows), dSa, dContext, false);
        RunParts(mm, _backwardPart);
        var dQkv = _scratch.DQkv(rows);
        InProj.Backward(mm, x, dQkv, dx, false);
    }

    private MatrixView<T> Context(int rows) => new(_context, 0, rows, _shape.Width);

    private void RunParts(MatrixProduct<T> mm, Action<int, MatrixProduct<T>> part)
    {
        _parts = Math.Min(mm.Threads, _batch * _shape.Heads);
        mm.ForEachPart(_parts, part);
    }

    /// <summary>The (b, h) pairs of one part: a contiguous range.</summary>
    private (int First, int End) Pairs(int part)
    {
        var pairs = _batch * _shape.Heads;
        var size = (pairs + _parts - 1) / _parts;
        var first = Math.Min(pairs, part * size);
        return (first, Math.Min(pairs, first + size));
    }

    private void ForwardPart(int part, MatrixProduct<T> lane)
    {
        var (t, d) = (_shape.Steps, _shape.HeadWidth);
        var qkv = _scratch.Qkv(_batch * t);
        var contextHeads = _scratch.HeadsBuffer;
        var (first, end) = Pairs(part);
        for (var pair = first; pair < end; pair++)
        {
            for (var c = 0; c < 3; c++) _shape.Gather(qkv, c, pair, Head(_heads, c, pair).Span);
            var p = Square(_weights, pair);
            lane.Multiply(Head(_heads, 0, pair), false, Head(_heads, 1, pair), true, p);
            var entropy = 0.0;
            for (var i = 0; i < t; i++) entropy += Softmax(p.Row(i), _causal ? i + 1 : t);
            _pairEntropy[pair] = entropy;
            var ctx = Head(contextHeads, 0, pair);
            lane.Multiply(p, false, Head(_heads, 2, pair), false, ctx);
            _shape.Scatter(ctx.Span, Context(_batch * t), 0, pair);
        }
    }

    /// <summary>
    /// p = softmax(scale·s) over the first <paramref name="visible"/> entries, 0 beyond; its entropy −Σ p ln p when
    /// probing, with one logarithm per row: with a_j = scale·s_j − max and S = Σ e^(a_j), ln p_j = a_j − ln S, so
    /// −Σ p ln p = ln S − Σ e^(a_j)·a_j / S.
    /// </summary>
    private double Softmax(Span<T> row, int visible)
    {
        var max = T.NegativeInfinity;
        for (var j = 0; j < visible; j++) max = T.Max(max, row[j] * _scale);
        var sum = T.Zero;
        var weighted = T.Zero;
        for (var j = 0; j < visible; j++)
        {
            var a = row[j] * _scale - max;
            var e = row[j] = T.Exp(a);
            sum += e;
            weighted += e * a;
        }
        var inv = T.One / sum;
        for (var j = 0; j < visible; j++) row[j] *= inv;
        row[visible..].Clear();
        if (!_probing) return 0;
        var total = double.CreateTruncating(sum);
        return Math.Log(total) - double.CreateTruncating(weighted) / total;
    }

    private void BackwardPart(int part, MatrixProduct<T> lane)
    {
        var (t, rows) = (_shape.Steps, _batch * _shape.Steps);
        var dHeads = _scratch.HeadsBuffer;
        var dQkv = _scratch.DQkv(rows);
        var dContext = _scratch.Rows(_scratch.DContext, rows);
        var (first, end) = Pairs(part);
        for (var pair = first; pair < end; pair++)
        {
            // dHeads' slot 0 first holds ∂ctx, then ∂q (∂ctx is last read before ∂q is written).
            var dCtx = Head(dHeads, 0, pair);
            _shape.Gather(dContext, 0, pair, dCtx.Span);
            var p = Square(_weights, pair);
            var dp = Square(_scratch.DWeights, pair);
            lane.Multiply(p, true, dCtx, false, Head(dHeads, 2, pair));
            lane.Multiply(dCtx, false, Head(_heads, 2, pair), true, dp);
            for (var i = 0; i < t; i++) SoftmaxBackward(p.Row(i), dp.Row(i));
            lane.Multiply(dp, false, Head(_heads, 1, pair), false, Head(dHeads, 0, pair));
            lane.Multiply(dp, true, Head(_heads, 0, pair), false, Head(dHeads, 1, pair));
            for (var c = 0; c < 3; c++) _shape.Scatter(Head(dHeads, c, pair).Span, dQkv, c, pair);
        }
    }

    /// <summary>∂s = scale · p ⊙ (∂p − Σ_j p_j ∂p_j), in place (masked entries have p = 0, so ∂s = 0).</summary>
    private void SoftmaxBackward(ReadOnlySpan<T> p, Span<T> dp)
    {
        var dot = T.Zero;
        for (var j = 0; j < p.Length; j++) dot += p[j] * dp[j];
        for (var j = 0; j < p.Length; j++) dp[j] = _scale * p[j] * (dp[j] - dot);
    }

    /// <summary>Slot <paramref name="slot"/> (q, k, v) of a head-major [3][B·H][T, d] buffer, pair <paramref name="pair"/>.</summary>
    private MatrixView<T> Head(T[] buffer, int slot, int pair)
    {
        var size = _shape.Steps * _shape.HeadWidth;
        var pairs = buffer.Length / (3 * size);
        return new MatrixView<T>(buffer, (slot * pairs + pair) * size, _shape.Steps, _shape.HeadWidth);
    }

    private MatrixView<T> Square(T[] buffer, int pair) =>
        new(buffer, pair * _shape.Steps * _shape.Steps, _shape.Steps, _shape.Steps);
}
