using System.Runtime.Intrinsics;
using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy 2015) over the rows of [B, n]: x̂ = (z − μ_B)/√(σ_B² + ε), y = γ x̂ + β,
/// σ_B² biased. Running statistics (for evaluation) follow PyTorch: r ← (1 − m) r + m·stat, with the unbiased
/// variance. Backward: ∂L/∂z = (1/B)·(1/√(σ²+ε))·(B·g − Σg − x̂·Σ(g·x̂)), g = γ ⊙ ∂L/∂y.
/// </summary>
internal sealed class BatchNorm<T> : INormalization<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _units;
    private readonly double _epsilon;
    private readonly double _momentum;
    private readonly T[] _runningMean;
    private readonly T[] _runningVar;
    private readonly T[] _batchesTracked = [T.Zero];
    private readonly double[] _invStd;
    private readonly double[] _mean;
    private readonly double[] _variance;
    private readonly double[] _sum;
    private readonly double[] _sumProduct;
    private readonly double[] _scale;
    private readonly T[] _normalized;

    public BatchNorm(string name, int group, int units, int capacity, double epsilon, double momentum)
    {
        _units = units;
        _epsilon = epsilon;
        _momentum = momentum;
        Gamma = new Parameter<T>($"{name}.weight", group, units);
        Beta = new Parameter<T>($"{name}.bias", group, units);
        Gamma.Value.AsSpan().Fill(T.One);
        _runningMean = new T[units];
        _runningVar = new T[units];
        _runningVar.AsSpan().Fill(T.One);
        _invStd = new double[units];
        _mean = new double[units];
        _variance = new double[units];
        _sum = new double[units];
        _sumProduct = new double[units];
        _scale = new double[units];
        _normalized = new T[capacity * units];
        Buffers = [($"{name}.running_mean", _runningMean), ($"{name}.running_var", _runningVar), ($"{name}.num_batches_tracked", _batchesTracked)];
    }

    public Parameter<T> Gamma { get; }
    public Parameter<T> Beta { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers { get; }

    public void Forward(MatrixView<T> z, MatrixView<T> y, bool training)
    {
        var rows = z.Rows;
        var xhat = new MatrixView<T>(_normalized, 0, rows, _units);
        if (training)
        {
            var mean = _mean;
            var variance = _variance;
            ColumnMoments(z, mean, variance);
            for (var j = 0; j < _units; j++)
            {
                _invStd[j] = 1.0 / Math.Sqrt(variance[j] + _epsilon);
                var unbiased = rows > 1 ? variance[j] * rows / (rows - 1) : variance[j];
                _runningMean[j] = T.CreateTruncating((1 - _momentum) * double.CreateTruncating(_runningMean[j]) + _momentum * mean[j]);
                _runningVar[j] = T.CreateTruncating((1 - _momentum) * double.CreateTruncating(_runningVar[j]) + _momentum * unbiased);
            }
            _batchesTracked[0] += T.One;
            for (var i = 0; i < rows; i++) Normalize(z.Row(i), mean, _invStd, xhat.Row(i));
        }
        else
        {
            for (var i = 0; i < rows; i++)
            {
                var zi = z.Row(i);
                var xi = xhat.Row(i);
                for (var j = 0; j < _units; j++)
                    xi[j] = (zi[j] - _runningMean[j]) / T.Sqrt(_runningVar[j] + T.CreateTruncating(_epsilon));
            }
        }
        var gamma = Gamma.Value;
        var beta = Beta.Value;
        for (var i = 0; i < rows; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(xhat.Row(i), gamma, y.Row(i));
            System.Numerics.Tensors.TensorPrimitives.Add(y.Row(i), beta, y.Row(i));
        }
    }

    public void Backward(MatrixView<T> dy, MatrixView<T> dz)
    {
        var rows = dy.Rows;
        var xhat = new MatrixView<T>(_normalized, 0, rows, _units);
        var gamma = Gamma.Value;
        var dGamma = Gamma.Grad;
        var dBeta = Beta.Grad;
        Array.Clear(_sum);
        Array.Clear(_sumProduct);
        for (var i = 0; i < rows; i++) AddSums(dy.Row(i), xhat.Row(i), _sum, _sumProduct);
        for (var j = 0; j < _units; j++)
        {
            dBeta[j] = T.CreateTruncating(_sum[j]);
            dGamma[j] = T.CreateTruncating(_sumProduct[j]);
            _scale[j] = double.CreateTruncating(gamma[j]) * _invStd[j] / rows;
        }
        for (var i = 0; i < rows; i++) InputGradient(dy.Row(i), xhat.Row(i), rows, dz.Row(i));
    }

    /// <summary>x̂ = (z − μ)·(1/σ), per column, in float64.</summary>
    private static void Normalize(ReadOnlySpan<T> z, ReadOnlySpan<double> mean, ReadOnlySpan<double> invStd, Span<T> xhat)
    {
        var j = 0;
        for (; j < DoubleLanes.End(z.Length); j += DoubleLanes.Count)
            DoubleLanes.Store((DoubleLanes.Load(z, j) - Vector256.Create(mean.Slice(j, 4))) * Vector256.Create(invStd.Slice(j, 4)), xhat, j);
        for (; j < z.Length; j++) xhat[j] = T.CreateTruncating((double.CreateTruncating(z[j]) - mean[j]) * invStd[j]);
    }

    /// <summary>Σg and Σ g·x̂ per column, in float64.</summary>
    private static void AddSums(ReadOnlySpan<T> g, ReadOnlySpan<T> xhat, Span<double> sum, Span<double> sumProduct)
    {
        var j = 0;
        for (; j < DoubleLanes.End(g.Length); j += DoubleLanes.Count)
        {
            var gv = DoubleLanes.Load(g, j);
            (Vector256.Create((ReadOnlySpan<double>)sum.Slice(j, 4)) + gv).CopyTo(sum.Slice(j, 4));
            (Vector256.Create((ReadOnlySpan<double>)sumProduct.Slice(j, 4)) + gv * DoubleLanes.Load(xhat, j)).CopyTo(sumProduct.Slice(j, 4));
        }
        for (; j < g.Length; j++)
        {
            var gj = double.CreateTruncating(g[j]);
            sum[j] += gj;
            sumProduct[j] += gj * double.CreateTruncating(xhat[j]);
        }
    }

    /// <summary>∂L/∂z = scale·(B·g − Σg − x̂·Σ(g·x̂)) per column, scale = γ/(B·σ).</summary>
    private void InputGradient(ReadOnlySpan<T> g, ReadOnlySpan<T> xhat, int rows, Span<T> dz)
    {
        var j = 0;
        var b = Vector256.Create((double)rows);
        for (; j < DoubleLanes.End(g.Length); j += DoubleLanes.Count)
        {
            var inner = b * DoubleLanes.Load(g, j) - Vector256.Create(_sum.AsSpan(j, 4)) - DoubleLanes.Load(xhat, j) * Vector256.Create(_sumProduct.AsSpan(j, 4));
            DoubleLanes.Store(Vector256.Create(_scale.AsSpan(j, 4)) * inner, dz, j);
        }
        for (; j < g.Length; j++)
            dz[j] = T.CreateTruncating(_scale[j] * (rows * double.CreateTruncating(g[j]) - _sum[j] - double.CreateTruncating(xhat[j]) * _sumProduct[j]));
    }

    private void ColumnMoments(MatrixView<T> z, double[] mean, double[] variance)
    {
        Array.Clear(mean);
        Array.Clear(variance);
        for (var i = 0; i < z.Rows; i++) AddColumns(z.Row(i), mean);
        for (var j = 0; j < _units; j++) mean[j] /= z.Rows;
        for (var i = 0; i < z.Rows; i++) AddSquaredDeviations(z.Row(i), mean, variance);
        for (var j = 0; j < _units; j++) variance[j] /= z.Rows;
    }

    private static void AddColumns(ReadOnlySpan<T> row, Span<double> sum)
    {
        var j = 0;
        for (; j < DoubleLanes.End(row.Length); j += DoubleLanes.Count)
            (Vector256.Create((ReadOnlySpan<double>)sum.Slice(j, 4)) + DoubleLanes.Load(row, j)).CopyTo(sum.Slice(j, 4));
        for (; j < row.Length; j++) sum[j] += double.CreateTruncating(row[j]);
    }

    private static void AddSquaredDeviations(ReadOnlySpan<T> row, ReadOnlySpan<double> mean, Span<double> sum)
    {
        var j = 0;
        for (; j < DoubleLanes.End(row.Length); j += DoubleLanes.Count)
        {
            var d = DoubleLanes.Load(row, j) - Vector256.Create(mean.Slice(j, 4));
            (Vector256.Create((ReadOnlySpan<double>)sum.Slice(j, 4)) + d * d).CopyTo(sum.Slice(j, 4));
        }
        for (; j < row.Length; j++)
        {
            var d = double.CreateTruncating(row[j]) - mean[j];
            sum[j] += d * d;
        }
    }
}
