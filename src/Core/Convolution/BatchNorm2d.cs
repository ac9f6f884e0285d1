using System.Numerics.Tensors;
using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Convolution;

/// <summary>
/// Batch norm over channels (PyTorch's nn.BatchNorm2d): per channel c over the N = B·H·W values of the batch,
/// x̂ = (x − μ_c)/√(σ_c² + ε) with the biased σ², y = γ_c x̂ + β_c (γ = 1, β = 0 when not affine). Training updates the
/// running statistics r ← (1 − m)·r + m·stat (unbiased variance, N/(N − 1)); evaluation normalises with them.
/// Backward: ∂L/∂x = γ/(N·σ)·(N·g − Σg − x̂·Σ(g·x̂)), ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g. Moments in float64, channel by channel,
/// one part per channel on the run's threads.
/// </summary>
internal sealed class BatchNorm2d<T> : CnnModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _eps, _momentum;
    private readonly T[] _runningMean, _runningVar, _batchesTracked = [T.Zero];
    private readonly double[] _invStd, _sum, _sumProduct;
    private readonly T[] _normalized;
    private readonly Action<int, MatrixProduct<T>> _forwardPart, _backwardPart;
    private MatrixView<T> _x, _y, _dy, _dx;
    private bool _training;

    public BatchNorm2d(string name, int group, FeatureMap map, double eps, double momentum, bool affine, int capacity) : base(map, map)
    {
        (_eps, _momentum) = (eps, momentum);
        if (affine)
        {
            Gamma = new Parameter<T>($"{name}.weight", group, map.Channels);
            Beta = new Parameter<T>($"{name}.bias", group, map.Channels);
            Parameters = [Gamma, Beta];
        }
        else Parameters = [];
        _runningMean = new T[map.Channels];
        _runningVar = new T[map.Channels];
        _runningVar.AsSpan().Fill(T.One);
        _invStd = new double[map.Channels];
        _sum = new double[map.Channels];
        _sumProduct = new double[map.Channels];
        _normalized = new T[capacity * map.Size];
        Buffers = [($"{name}.running_mean", _runningMean), ($"{name}.running_var", _runningVar), ($"{name}.num_batches_tracked", _batchesTracked)];
        _forwardPart = ForwardChannel;
        _backwardPart = BackwardChannel;
    }

    public Parameter<T>? Gamma { get; }
    public Parameter<T>? Beta { get; }
    public override IReadOnlyList<Parameter<T>> Parameters { get; }
    public override IReadOnlyList<(string Name, T[] Data)> Buffers { get; }

    /// <summary>γ = 1, β = 0, running mean 0 and variance 1 (PyTorch's reset_parameters and reset_running_stats).</summary>
    public override void Initialize(InitSpec init, Rng rng)
    {
        Gamma?.Value.AsSpan().Fill(T.One);
        Beta?.Value.AsSpan().Clear();
        _runningMean.AsSpan().Clear();
        _runningVar.AsSpan().Fill(T.One);
        _batchesTracked[0] = T.Zero;
    }

    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training)
    {
        (_x, _y, _training) = (x, y, training);
        mm.ForEachPart(In.Channels, _forwardPart);
        if (training) _batchesTracked[0] += T.One;
    }

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx)
    {
        (_dy, _dx) = (dy, dx ?? throw new ArgumentNullException(nameof(dx), "Batch norm always passes its gradient on."));
        _x = x;
        mm.ForEachPart(In.Channels, _backwardPart);
    }

    private Span<T> Plane(MatrixView<T> m, int b, int c) => m.Data.AsSpan(m.Offset + b * m.Cols + c * In.Area, In.Area);

    private Span<T> Normalized(int b, int c) => _normalized.AsSpan(b * In.Size + c * In.Area, In.Area);

    private void ForwardChannel(int c, MatrixProduct<T> lane)
    {
        var rows = _x.Rows;
        double mean, invStd;
        if (_training)
        {
            // Σx and Σx² in float64 (one pass), σ² = E[x²] − μ².
            var n = (double)rows * In.Area;
            double sum = 0, squares = 0;
            for (var b = 0; b < rows; b++)
            {
                var (s, q) = Reductions.Moments<T>(Plane(_x, b, c));
                (sum, squares) = (sum + s, squares + q);
            }
            mean = sum / n;
            var variance = Math.Max(0, squares / n - mean * mean);
            invStd = 1.0 / Math.Sqrt(variance + _eps);
            _invStd[c] = invStd;
            var unbiased = n > 1 ? variance * n / (n - 1) : variance;
            _runningMean[c] = T.CreateTruncating((1 - _momentum) * double.CreateTruncating(_runningMean[c]) + _momentum * mean);
            _runningVar[c] = T.CreateTruncating((1 - _momentum) * double.CreateTruncating(_runningVar[c]) + _momentum * unbiased);
        }
        else
        {
            mean = double.CreateTruncating(_runningMean[c]);
            invStd = 1.0 / Math.Sqrt(double.CreateTruncating(_runningVar[c]) + _eps);
        }
        var (shift, scale) = (T.CreateTruncating(-mean * invStd), T.CreateTruncating(invStd));
        var gamma = Gamma is null ? T.One : Gamma.Value[c];
        var beta = Beta is null ? T.Zero : Beta.Value[c];
        for (var b = 0; b < rows; b++)
        {
            var xhat = Normalized(b, c);
            var y = Plane(_y, b, c);
            TensorPrimitives.Multiply<T>(Plane(_x, b, c), scale, xhat);
            TensorPrimitives.Add<T>(xhat, shift, xhat);
            TensorPrimitives.Multiply<T>(xhat, gamma, y);
            TensorPrimitives.Add<T>(y, beta, y);
        }
    }

    private void BackwardChannel(int c, MatrixProduct<T> lane)
    {
        var rows = _dy.Rows;
        var n = (double)rows * In.Area;
        double sum = 0, sumProduct = 0;
        for (var b = 0; b < rows; b++)
        {
            var g = Plane(_dy, b, c);
            sum += Reductions.Moments<T>(g).Sum;
            sumProduct += double.CreateTruncating(TensorPrimitives.Dot<T>(g, (ReadOnlySpan<T>)Normalized(b, c)));
        }
        if (Gamma is not null)
        {
            Gamma.Grad[c] = T.CreateTruncating(sumProduct);
            Beta!.Grad[c] = T.CreateTruncating(sum);
        }
        var gamma = Gamma is null ? 1.0 : double.CreateTruncating(Gamma.Value[c]);
        var scale = gamma * _invStd[c] / n;
        // ∂L/∂x = (scale·N)·g − (scale·Σg·x̂)·x̂ − scale·Σg.
        var (onG, onXhat, constant) = (T.CreateTruncating(scale * n), T.CreateTruncating(-scale * sumProduct), T.CreateTruncating(-scale * sum));
        for (var b = 0; b < rows; b++)
        {
            var dst = Plane(_dx, b, c);
            TensorPrimitives.Multiply<T>(Plane(_dy, b, c), onG, dst);
            TensorPrimitives.Add<T>(dst, constant, dst);
            TensorPrimitives.MultiplyAdd<T>(Normalized(b, c), onXhat, dst, dst);
        }
    }
}
