using System.Numerics.Tensors;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>
/// Hierarchical-softmax read-out over a <see cref="ClassTree"/> (Morin &amp; Bengio 2005; Mnih &amp; Hinton 2009): W [C−1, in],
/// b [C−1], one logistic unit per inner node, s_n = W_n·h + b_n. p(y|h) = Π_{k ∈ path(y)} σ(±s_k) (+ where the path turns
/// right, − where it turns left); L = (1/B) Σ_i −log p(y_i|h_i) = (1/B) Σ_i Σ_k softplus(∓s_k).
/// Backward along the same nodes: ∂L/∂s_k = (σ(s_k) − r_k)/B with r_k = 1 on a right turn, ∂L/∂W_n += ∂L/∂s·h,
/// ∂L/∂b_n += ∂L/∂s, ∂L/∂h += ∂L/∂s·W_n. A training example touches its ⌈log₂C⌉ path rows of W, never the other rows:
/// their gradient rows stay 0 (the rows touched by the last step are zeroed before the next).
/// Prediction (<see cref="CountCorrect"/>) is the exact arg-max over the C leaves from every node's score, O(C) per example,
/// so the trainer uses it on the held-out split only.
/// </summary>
internal sealed class HierarchicalSoftmax<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows scored at once by <see cref="CountCorrect"/>: bounds its score buffer to PredictRows × (C − 1).</summary>
    private const int PredictRows = 32;

    private readonly MatrixProduct<T> _mm;

    /// <summary>Per example and path position: s_k and ∂L/∂s_k of the last training pass (the probes read them).</summary>
    private readonly double[] _pathScores, _pathGrads;

    /// <summary>The gradient rows the last training pass wrote, in the order first touched, and a mark per row.</summary>
    private readonly int[] _touched;
    private readonly bool[] _isTouched;
    private int _touchedCount, _pathEntries;

    private readonly T[] _scores;

    public HierarchicalSoftmax(string name, int group, int inputs, int classes, int capacity, MatrixProduct<T> mm)
    {
        _mm = mm;
        Tree = new ClassTree(classes);
        Inputs = inputs;
        Weight = new Parameter<T>($"{name}.weight", group, Tree.Nodes, inputs) { Role = ParameterRole.Weight };
        Bias = new Parameter<T>($"{name}.bias", group, Tree.Nodes) { Role = ParameterRole.Bias };
        _pathScores = new double[capacity * Tree.Depth];
        _pathGrads = new double[capacity * Tree.Depth];
        _touched = new int[Tree.Nodes];
        _isTouched = new bool[Tree.Nodes];
        _scores = new T[PredictRows * Tree.Nodes];
        DepthGradSquares = new double[Tree.Depth];
    }

    public ClassTree Tree { get; }
    public int Inputs { get; }
    public Parameter<T> Weight { get; }
    public Parameter<T> Bias { get; }

    /// <summary>Per tree depth (index d − 1), Σ(∂L/∂W)² over the rows of that depth's nodes, from the last training pass.</summary>
    public double[] DepthGradSquares { get; }

    /// <summary>Σ(∂L/∂W)² and Σ(∂L/∂b)² of the last training pass (over its touched rows: the others are 0).</summary>
    public (double Weight, double Bias) GradSquares { get; private set; }

    public MatrixView<T> W => new(Weight.Value, 0, Tree.Nodes, Inputs);

    /// <summary>
    /// L = (1/B) Σ −log p(y_i|h_i) for <paramref name="h"/> [B, in] and labels y; with <paramref name="dh"/> [B, in] (training),
    /// also writes ∂L/∂h into it and ∂L/∂W, ∂L/∂b into the parameters' gradients, and the per-depth gradient sums.
    /// </summary>
    public double Loss(MatrixView<T> h, ReadOnlySpan<int> labels, MatrixView<T>? dh)
    {
        var rows = h.Rows;
        var training = dh is not null;
        if (training) ClearTouched();
        var total = 0.0;
        var entry = 0;
        for (var i = 0; i < rows; i++)
        {
            var x = h.Row(i);
            var dx = dh is { } d ? d.Row(i) : default;
            dx.Clear();
            var nodes = Tree.PathNodes(labels[i]);
            var right = Tree.PathRight(labels[i]);
            for (var k = 0; k < nodes.Length; k++)
            {
                var n = nodes[k];
                var w = W.Row(n);
                var s = double.CreateTruncating(TensorPrimitives.Dot<T>(w, x)) + double.CreateTruncating(Bias.Value[n]);
                total += Softplus(right[k] == 1 ? -s : s);
                if (!training) continue;
                var g = (Sigmoid(s) - right[k]) / rows;
                (_pathScores[entry], _pathGrads[entry]) = (s, g);
                entry++;
                Touch(n);
                var gt = T.CreateTruncating(g);
                var dw = Weight.Grad.AsSpan(n * Inputs, Inputs);
                TensorPrimitives.MultiplyAdd<T>(x, gt, dw, dw);
                Bias.Grad[n] += gt;
                TensorPrimitives.MultiplyAdd<T>(w, gt, dx, dx);
            }
        }
        if (training)
        {
            _pathEntries = entry;
            SumGradSquares();
        }
        return total / rows;
    }

    /// <summary>Rows of <paramref name="h"/> whose most probable leaf is the label: every node's score, then each leaf's log p.</summary>
    public int CountCorrect(MatrixView<T> h, ReadOnlySpan<int> labels)
    {
        var correct = 0;
        for (var start = 0; start < h.Rows; start += PredictRows)
        {
            var count = Math.Min(PredictRows, h.Rows - start);
            var scores = new MatrixView<T>(_scores, 0, count, Tree.Nodes);
            _mm.Multiply(h.RowSlice(start, count), false, W, true, scores);
            for (var i = 0; i < count; i++)
                if (MostProbable(scores.Row(i)) == labels[start + i]) correct++;
        }
        return correct;
    }

    /// <summary>The head's probes for the last training pass: its scores' mean and std over the path entries, ‖∂L/∂s‖ as ‖δ‖.</summary>
    public void Probe(ref LayerStats stats)
    {
        double sum = 0, squares = 0, gradSquares = 0;
        for (var e = 0; e < _pathEntries; e++)
        {
            sum += _pathScores[e];
            squares += _pathScores[e] * _pathScores[e];
            gradSquares += _pathGrads[e] * _pathGrads[e];
        }
        stats.SetActivationMoments(sum, squares, Math.Max(1, _pathEntries));
        stats.PreactivationGradNorm = Math.Sqrt(gradSquares);
        stats.DeadFraction = 0;
        stats.SaturationFraction = 0;
    }

    /// <summary>argmax_c Σ_{k ∈ path(c)} log σ(±s_k) over the node scores <paramref name="s"/> (less b); ties to the lower class.</summary>
    private int MostProbable(ReadOnlySpan<T> s)
    {
        var (best, bestLog) = (0, double.NegativeInfinity);
        for (var c = 0; c < Tree.Classes; c++)
        {
            var nodes = Tree.PathNodes(c);
            var right = Tree.PathRight(c);
            var log = 0.0;
            for (var k = 0; k < nodes.Length; k++)
            {
                var score = double.CreateTruncating(s[nodes[k]]) + double.CreateTruncating(Bias.Value[nodes[k]]);
                log -= Softplus(right[k] == 1 ? -score : score);
            }
            if (log > bestLog) (best, bestLog) = (c, log);
        }
        return best;
    }

    private void Touch(int n)
    {
        if (_isTouched[n]) return;
        _isTouched[n] = true;
        _touched[_touchedCount++] = n;
    }

    /// <summary>Zeroes the gradient rows the last pass wrote, so every row no path touches stays 0.</summary>
    private void ClearTouched()
    {
        for (var t = 0; t < _touchedCount; t++)
        {
            var n = _touched[t];
            Weight.Grad.AsSpan(n * Inputs, Inputs).Clear();
            Bias.Grad[n] = T.Zero;
            _isTouched[n] = false;
        }
        _touchedCount = 0;
    }

    /// <summary>Σg² per depth over the touched rows (the others are 0), and the totals.</summary>
    private void SumGradSquares()
    {
        Array.Clear(DepthGradSquares);
        var bias = 0.0;
        for (var t = 0; t < _touchedCount; t++)
        {
            var n = _touched[t];
            DepthGradSquares[Tree.NodeDepth[n] - 1] += Reductions.SumOfSquares<T>(Weight.Grad.AsSpan(n * Inputs, Inputs));
            var b = double.CreateTruncating(Bias.Grad[n]);
            bias += b * b;
        }
        var weight = 0.0;
        foreach (var d in DepthGradSquares) weight += d;
        GradSquares = (weight, bias);
    }

    /// <summary>softplus(y) = log(1 + eʸ) = −log σ(−y), stable for any y.</summary>
    private static double Softplus(double y) => Math.Max(y, 0) + Math.Log(1 + Math.Exp(-Math.Abs(y)));

    private static double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));
}
