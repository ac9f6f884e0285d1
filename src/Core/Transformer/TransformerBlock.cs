using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Layers;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;

namespace GradientService.Core.Transformer;

/// <summary>
/// Block i of the encoder, PyTorch's nn.TransformerEncoderLayer (batch first, dropout 0), on [B·T, E] rows:
/// post-LN x' = norm1(x + SA(x)), y = norm2(x' + FF(x')); pre-LN x' = x + SA(norm1 x), y = x' + FF(norm2 x');
/// FF(x) = linear2(φ(linear1 x)). x' is the block's middle stream (<see cref="_mid"/>).
/// </summary>
internal sealed class TransformerBlock<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TransformerShape _shape;
    private readonly TransformerScratch<T> _scratch;
    private readonly Activation<T> _activation;
    private readonly bool _preLn;

    /// <summary>Pre-LN: norm1 x (the attention's input) and norm2 x' (the feed-forward's input); post-LN: unused.</summary>
    private readonly T[] _attentionIn, _feedForwardIn;

    private readonly T[] _mid;

    /// <summary>u = linear1(·) and φ(u), [B·T, F].</summary>
    private readonly T[] _pre, _hidden;

    /// <summary>Per activation part, units of φ(u) non-zero somewhere in its rows (the dead-unit probe).</summary>
    private readonly T[] _alive;
    private bool _probing;

    /// <summary>The residual adds, with the probe's sums of the stream and the sublayer's output.</summary>
    private readonly StreamAdd<T> _add;

    /// <summary>φ and φ′ run on row ranges, one per thread (element-wise: the result does not depend on the cut).</summary>
    private readonly Action<int, MatrixProduct<T>> _activationForward, _activationBackward;
    private readonly int[] _partSaturated;
    private int _activationRows, _activationParts;

    public TransformerBlock(int index, TransformerShape shape, TransformerSpec spec, int capacity, TransformerScratch<T> scratch)
    {
        _shape = shape;
        _scratch = scratch;
        _preLn = spec.Placement == NormPlacement.PreLn;
        _activation = new Activation<T>(spec.Activation, spec.LeakyReluSlope, spec.EluAlpha);
        var rows = capacity * shape.Steps;
        var (e, f) = (shape.Width, shape.FeedForward);
        var (attention, feedForward) = (TransformerShape.AttentionGroup(index), TransformerShape.FeedForwardGroup(index));
        Attention = new SelfAttention<T>(index, shape, spec.Causal, capacity, scratch);
        Linear1 = new DenseLayer<T>($"layers.{index}.linear1", feedForward, e, f);
        Linear2 = new DenseLayer<T>($"layers.{index}.linear2", feedForward, f, e);
        Norm1 = new LayerNorm<T>($"layers.{index}.norm1", attention, e, rows, spec.NormEpsilon, ParameterRole.Bias);
        Norm2 = new LayerNorm<T>($"layers.{index}.norm2", feedForward, e, rows, spec.NormEpsilon, ParameterRole.Bias);
        _attentionIn = _preLn ? new T[rows * e] : [];
        _feedForwardIn = _preLn ? new T[rows * e] : [];
        _mid = new T[rows * e];
        _pre = new T[rows * f];
        _hidden = new T[rows * f];
        _activationForward = ActivationForward;
        _activationBackward = ActivationBackward;
        _partSaturated = new int[Math.Max(1, Environment.ProcessorCount)];
        _alive = new T[_partSaturated.Length * f];
        _add = new StreamAdd<T>(rows);
    }

    public SelfAttention<T> Attention { get; }
    public DenseLayer<T> Linear1 { get; }
    public DenseLayer<T> Linear2 { get; }
    public LayerNorm<T> Norm1 { get; }
    public LayerNorm<T> Norm2 { get; }

    /// <summary>In PyTorch's state-dict order.</summary>
    public IEnumerable<Parameter<T>> Parameters =>
    [
        Attention.InProj.Weight, Attention.InProj.Bias, Attention.OutProj.Weight, Attention.OutProj.Bias,
        Linear1.Weight, Linear1.Bias, Linear2.Weight, Linear2.Bias, Norm1.Gamma, Norm1.Beta, Norm2.Gamma, Norm2.Beta,
    ];

    /// <summary>y = block(x) on [B·T, E] rows; with probes, the forward probes of the block's two rows.</summary>
    public void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training, StepRecord? record, int row)
    {
        var rows = x.Rows;
        var mid = Rows(_mid, rows);
        var output = _scratch.Rows(_scratch.Output, rows);
        var attentionIn = _preLn ? Rows(_attentionIn, rows) : x;
        if (_preLn) Norm1.Forward(x, attentionIn, training);
        var entropy = Attention.Forward(mm, attentionIn, output, record is not null);
        _add.Run(mm, x, output, mid, record is null ? StreamAdd<T>.Sums.None : StreamAdd<T>.Sums.Moments);
        if (record is not null)
        {
            ref var stats = ref record.Layers[row];
            Moments(ref stats, output.Length);
            stats[Contracts.Metrics.LayerMetric.AttentionEntropy] = entropy;
            stats.SaturationFraction = 0;
            stats.DeadFraction = 0;
        }
        if (!_preLn) Norm1.Forward(mid, mid, training);

        var feedForwardIn = _preLn ? Rows(_feedForwardIn, rows) : mid;
        if (_preLn) Norm2.Forward(mid, feedForwardIn, training);
        var pre = Hidden(_pre, rows);
        var hidden = Hidden(_hidden, rows);
        Linear1.Forward(mm, feedForwardIn, pre);
        _probing = record is not null;
        if (_probing) _alive.AsSpan().Clear();
        RunActivation(mm, rows, _activationForward);
        _probing = false;
        Linear2.Forward(mm, hidden, output);
        _add.Run(mm, mid, output, y, record is null ? StreamAdd<T>.Sums.None : StreamAdd<T>.Sums.Moments);
        if (record is not null)
        {
            ref var stats = ref record.Layers[row + 1];
            Moments(ref stats, output.Length);
            stats.DeadFraction = Reductions.DeadShare<T>(_alive.AsSpan(0, _activationParts * _shape.FeedForward), _shape.FeedForward);
        }
        if (!_preLn) Norm2.Forward(y, y, training);
    }

    /// <summary>
    /// From ∂L/∂y in the scratch's GradX: every parameter's gradient and ∂L/∂x back in GradX; with probes, per row ‖∂L/∂
    /// the stream entering the sublayer‖, ‖∂L/∂ its output‖, and that stream gradient's branch and skip parts (the skip
    /// part is ∂L/∂ the output itself). Each norm is taken once per tensor: <paramref name="outputNorm"/> is ‖∂L/∂y‖, which
    /// the caller has (the head's δ norm, or the block above's); returns ‖∂L/∂x‖ with probes (else NaN), the block below's.
    /// A sublayer's norms are taken in its residual add, on every thread at once (<see cref="StreamAdd{T}"/>).
    /// </summary>
    public double Backward(MatrixProduct<T> mm, MatrixView<T> x, StepRecord? record, int row, double outputNorm)
    {
        var rows = x.Rows;
        var s = _scratch;
        var (gx, gMid, ga, gb) = (s.Rows(s.GradX, rows), s.Rows(s.GradMid, rows), s.Rows(s.GradA, rows), s.Rows(s.GradB, rows));
        var mid = Rows(_mid, rows);

        // Feed-forward sublayer: gOut = ∂L/∂FF output; the branch part of ∂L/∂x' lands in ga.
        var gOut = gx;
        if (!_preLn)
        {
            Norm2.Backward(gx, gb);
            gOut = gb;
        }
        var saturated = FeedForwardBackward(mm, _preLn ? Rows(_feedForwardIn, rows) : mid, gOut, _preLn ? gb : ga);
        if (_preLn) Norm2.Backward(gb, ga);
        _add.Run(mm, gOut, ga, gMid, StreamSums(record));
        var midNorm = double.NaN;
        if (record is not null)
        {
            ref var stats = ref record.Layers[row + 1];
            midNorm = Math.Sqrt(_add.Total(0, rows));
            Streams(ref stats, midNorm, _preLn ? outputNorm : Math.Sqrt(_add.Total(1, rows)), Math.Sqrt(_add.Total(2, rows)));
            stats.SaturationFraction = (double)saturated / ((double)rows * _shape.FeedForward);
        }

        // Attention sublayer.
        gOut = gMid;
        if (!_preLn)
        {
            Norm1.Backward(gMid, gb);
            gOut = gb;
        }
        var attentionIn = _preLn ? Rows(_attentionIn, rows) : x;
        if (_preLn)
        {
            Attention.Backward(mm, attentionIn, gOut, gb);
            Norm1.Backward(gb, ga);
        }
        else
        {
            Attention.Backward(mm, attentionIn, gOut, ga);
        }
        _add.Run(mm, gOut, ga, gx, StreamSums(record));
        if (record is null) return double.NaN;
        var input = Math.Sqrt(_add.Total(0, rows));
        Streams(ref record.Layers[row], input, _preLn ? midNorm : Math.Sqrt(_add.Total(1, rows)), Math.Sqrt(_add.Total(2, rows)));
        return input;
    }

    /// <summary>A backward residual add's sums: the stream gradient, its branch part, and (post-LN) the sublayer output's.</summary>
    private StreamAdd<T>.Sums StreamSums(StepRecord? record) =>
        record is null ? StreamAdd<T>.Sums.None : _preLn ? StreamAdd<T>.Sums.Squares : StreamAdd<T>.Sums.AllSquares;

    /// <summary>linear2, φ and linear1 backward from ∂L/∂FF output; writes ∂L/∂(FF input) to <paramref name="dx"/>; returns saturated entries.</summary>
    private int FeedForwardBackward(MatrixProduct<T> mm, MatrixView<T> input, MatrixView<T> dOut, MatrixView<T> dx)
    {
        var rows = input.Rows;
        var s = _scratch;
        var dHidden = s.Hidden(s.GradHidden, rows);
        var dPre = s.Hidden(s.GradPre, rows);
        Linear2.Backward(mm, Hidden(_hidden, rows), dOut, dHidden, false);
        RunActivation(mm, rows, _activationBackward);
        var saturated = 0;
        for (var p = 0; p < _activationParts; p++) saturated += _partSaturated[p];
        Linear1.Backward(mm, input, dPre, dx, false);
        return saturated;
    }

    /// <summary>Cuts the rows into parts on granules (<see cref="BatchRows"/>), so the forward probe's granule sums do not depend on the cut.</summary>
    private void RunActivation(MatrixProduct<T> mm, int rows, Action<int, MatrixProduct<T>> part)
    {
        _activationRows = rows;
        _activationParts = BatchRows.Shares(rows, Math.Min(mm.Threads, _partSaturated.Length));
        mm.ForEachPart(_activationParts, part);
    }

    /// <summary>Part <paramref name="part"/>'s elements of a [rows, F] buffer.</summary>
    private Range Elements(int part)
    {
        var r = BatchRows.Share(_activationRows, part, _activationParts);
        return new Range(r.Start * _shape.FeedForward, (r.Start + r.Count) * _shape.FeedForward);
    }

    /// <summary>φ on the part's rows; when probing, granule by granule, each granule's alive units marked while in L1.</summary>
    private void ActivationForward(int part, MatrixProduct<T> lane)
    {
        if (!_probing)
        {
            var range = Elements(part);
            _activation.Forward(_pre.AsSpan(range), _hidden.AsSpan(range));
            return;
        }
        var f = _shape.FeedForward;
        var r = BatchRows.Share(_activationRows, part, _activationParts);
        var alive = _alive.AsSpan(part * f, f);
        for (var start = r.Start; start < r.Start + r.Count; start += BatchRows.Granule)
        {
            var count = Math.Min(BatchRows.Granule, r.Start + r.Count - start);
            _activation.Forward(_pre.AsSpan(start * f, count * f), _hidden.AsSpan(start * f, count * f));
            MarkAlive(_hidden.AsSpan(start * f, count * f), alive);
        }
    }

    /// <summary>Sets non-zero bits in <paramref name="alive"/> (one entry per column) for every column of <paramref name="rows"/> with a non-zero entry (NaN counts).</summary>
    private static void MarkAlive(ReadOnlySpan<T> rows, Span<T> alive)
    {
        var (cols, n) = (alive.Length, System.Numerics.Vector<T>.Count);
        for (var row = 0; row < rows.Length; row += cols)
        {
            var r = rows.Slice(row, cols);
            var j = 0;
            for (; j <= cols - n; j += n)
                (new System.Numerics.Vector<T>(alive.Slice(j, n)) | ~System.Numerics.Vector.Equals(new System.Numerics.Vector<T>(r.Slice(j, n)), System.Numerics.Vector<T>.Zero)).CopyTo(alive.Slice(j, n));
            for (; j < cols; j++)
                if (r[j] != T.Zero) alive[j] = T.One;
        }
    }

    private void ActivationBackward(int part, MatrixProduct<T> lane)
    {
        var range = Elements(part);
        _partSaturated[part] = _activation.Backward(_pre.AsSpan(range), _hidden.AsSpan(range), _scratch.GradHidden.AsSpan(range), _scratch.GradPre.AsSpan(range));
    }

    /// <summary>DeltaNorm = ‖∂L/∂ entering stream‖, OutputGradNorm, BranchGradNorm, and SkipGradNorm = OutputGradNorm.</summary>
    private static void Streams(ref LayerStats stats, double entering, double output, double branch)
    {
        stats.PreactivationGradNorm = entering;
        stats[Contracts.Metrics.LayerMetric.OutputGradNorm] = output;
        stats[Contracts.Metrics.LayerMetric.BranchGradNorm] = branch;
        stats[Contracts.Metrics.LayerMetric.SkipGradNorm] = output;
    }

    /// <summary>The sublayer output's moments from the last forward residual add (its b).</summary>
    private void Moments(ref LayerStats stats, int length)
    {
        var rows = length / _shape.Width;
        stats.SetActivationMoments(_add.Total(0, rows), _add.Total(1, rows), length);
    }

    private MatrixView<T> Rows(T[] buffer, int rows) => new(buffer, 0, rows, _shape.Width);

    private MatrixView<T> Hidden(T[] buffer, int rows) => new(buffer, 0, rows, _shape.FeedForward);
}
