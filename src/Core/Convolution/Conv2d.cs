using GradientService.Contracts.Spec;
using GradientService.Core.Init;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Convolution;

/// <summary>
/// 2-D convolution (PyTorch's nn.Conv2d, square kernel): y[b, o] = W[o] ⋆ x[b] + bias[o], W [out, in, k, k], stride s,
/// zero padding p. Per example through im2col: X̃ [in·k·k, Ho·Wo], Y_b = W·X̃ (W as [out, in·k·k]). Backward:
/// ∂L/∂W = Σ_b ∂L/∂Y_b · X̃_bᵀ, ∂L/∂bias = Σ ∂L/∂Y, ∂L/∂X̃ = Wᵀ·∂L/∂Y_b scattered back by col2im. The batch is cut into
/// granules of 8 examples, one part each on the run's threads; each granule sums its own ∂L/∂W and the granules are added
/// in order, so the result does not depend on the thread count.
/// </summary>
internal sealed class Conv2d<T> : CnnModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _kernel, _stride, _padding, _patch;
    private readonly Im2Col _im2col;
    private readonly T[][] _cols, _colGrads;
    private readonly T[] _granuleWeightGrads;
    private readonly double[] _granuleBiasGrads;
    private readonly Action<int, MatrixProduct<T>> _forwardPart, _backwardPart;
    private readonly IReadOnlyList<MatrixProduct<T>> _lanes;
    private MatrixView<T> _x, _y, _dy;
    private MatrixView<T>? _dx;
    private int _rows;

    public Conv2d(string name, int group, FeatureMap input, FeatureMap output, int kernel, int stride, int padding, bool bias, int capacity, MatrixProduct<T> mm)
        : base(input, output)
    {
        (_kernel, _stride, _padding) = (kernel, stride, padding);
        _patch = input.Channels * kernel * kernel;
        _im2col = new Im2Col(input, output, kernel, stride, padding);
        Weight = new Parameter<T>($"{name}.weight", group, output.Channels, input.Channels, kernel, kernel) { Role = ParameterRole.Weight };
        Bias = bias ? new Parameter<T>($"{name}.bias", group, output.Channels) { Role = ParameterRole.Bias } : null;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _lanes = mm.Lanes;
        var copies = _im2col.IsIdentity ? 0 : _lanes.Count;
        _cols = [.. Enumerable.Range(0, copies).Select(_ => new T[_patch * output.Area])];
        _colGrads = [.. Enumerable.Range(0, _lanes.Count).Select(_ => new T[_patch * output.Area])];
        var granules = GranuleSums.Count(capacity);
        _granuleWeightGrads = new T[granules * Weight.Length];
        _granuleBiasGrads = new double[granules * output.Channels];
        _forwardPart = ForwardPart;
        _backwardPart = BackwardPart;
    }

    public Parameter<T> Weight { get; }
    public Parameter<T>? Bias { get; }
    public override IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The InitSpec's scheme with fan_in = in·k·k and fan_out = out·k·k (PyTorch's conv fans); biases per InitSpec.</summary>
    public override void Initialize(InitSpec init, Rng rng)
    {
        WeightInit.Fill<T>(Weight.Value, Out.Channels, _patch, init.Scheme, init, rng, _kernel * _kernel);
        if (Bias is not null) WeightInit.FillBias<T>(Bias.Value, init, rng);
    }

    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training)
    {
        (_x, _y, _rows) = (x, y, x.Rows);
        mm.ForEachPart(GranuleSums.Count(_rows), _forwardPart);
    }

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx)
    {
        (_x, _dy, _dx, _rows) = (x, dy, dx, x.Rows);
        var granules = GranuleSums.Count(_rows);
        mm.ForEachPart(granules, _backwardPart);
        _dx = null;
        // The granules' sums, added in their order.
        var n = Weight.Length;
        _granuleWeightGrads.AsSpan(0, n).CopyTo(Weight.Grad);
        for (var g = 1; g < granules; g++) System.Numerics.Tensors.TensorPrimitives.Add(Weight.Grad, _granuleWeightGrads.AsSpan(g * n, n), Weight.Grad);
        if (Bias is null) return;
        var channels = Out.Channels;
        for (var o = 0; o < channels; o++)
        {
            var sum = 0.0;
            for (var g = 0; g < granules; g++) sum += _granuleBiasGrads[g * channels + o];
            Bias.Grad[o] = T.CreateTruncating(sum);
        }
    }

    /// <summary>Which of the run's lanes runs this part (its own column buffers).</summary>
    private int Lane(MatrixProduct<T> lane)
    {
        for (var i = 0; i < _lanes.Count; i++)
            if (ReferenceEquals(_lanes[i], lane)) return i;
        return 0;
    }

    private MatrixView<T> Columns(int b, int lane)
    {
        if (_im2col.IsIdentity) return Example(_x, b, _patch, Out.Area);
        var col = _cols[lane];
        _im2col.Gather(_x.Row(b), col);
        return new MatrixView<T>(col, 0, _patch, Out.Area);
    }

    private void ForwardPart(int granule, MatrixProduct<T> lane)
    {
        var l = Lane(lane);
        var w = new MatrixView<T>(Weight.Value, 0, Out.Channels, _patch);
        var (first, end) = (granule * BatchRows.Granule, Math.Min(_rows, (granule + 1) * BatchRows.Granule));
        for (var b = first; b < end; b++)
        {
            var yb = Example(_y, b, Out.Channels, Out.Area);
            lane.Multiply(w, false, Columns(b, l), false, yb);
            if (Bias is null) continue;
            for (var o = 0; o < Out.Channels; o++) System.Numerics.Tensors.TensorPrimitives.Add(yb.Row(o), Bias.Value[o], yb.Row(o));
        }
    }

    private void BackwardPart(int granule, MatrixProduct<T> lane)
    {
        var l = Lane(lane);
        var w = new MatrixView<T>(Weight.Value, 0, Out.Channels, _patch);
        var dw = new MatrixView<T>(_granuleWeightGrads, granule * Weight.Length, Out.Channels, _patch);
        var db = _granuleBiasGrads.AsSpan(granule * Out.Channels, Out.Channels);
        db.Clear();
        var (first, end) = (granule * BatchRows.Granule, Math.Min(_rows, (granule + 1) * BatchRows.Granule));
        for (var b = first; b < end; b++)
        {
            var dyb = Example(_dy, b, Out.Channels, Out.Area);
            lane.Multiply(dyb, false, Columns(b, l), true, dw, accumulate: b > first);
            if (Bias is not null)
                for (var o = 0; o < Out.Channels; o++) db[o] += Reductions.Moments<T>(dyb.Row(o)).Sum;
            if (_dx is not { } dx) continue;
            if (_im2col.IsIdentity)
            {
                lane.Multiply(w, true, dyb, false, Example(dx, b, _patch, Out.Area));
                continue;
            }
            var dcol = new MatrixView<T>(_colGrads[l], 0, _patch, Out.Area);
            lane.Multiply(w, true, dyb, false, dcol);
            _im2col.Scatter(dcol.Span, dx.Row(b));
        }
    }
}
