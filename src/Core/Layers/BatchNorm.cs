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
            for (var i = 0; i < rows; i++)
            {
                var zi = z.Row(i);
                var xi = xhat.Row(i);
                for (var j = 0; j < _units; j++) xi[j] = T.CreateTruncating((double.CreateTruncating(zi[j]) - mean[j]) * _invStd[j]);
            }
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
            var xi = xhat.Row(i);
            var yi = y.Row(i);
            for (var j = 0; j < _units; j++) yi[j] = gamma[j] * xi[j] + beta[j];
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
        for (var i = 0; i < rows; i++)
        {
            var gi = dy.Row(i);
            var xi = xhat.Row(i);
            for (var j = 0; j < _units; j++)
            {
                var g = double.CreateTruncating(gi[j]);
                _sum[j] += g;
                _sumProduct[j] += g * double.CreateTruncating(xi[j]);
            }
        }
        for (var j = 0; j < _units; j++)
        {
            dBeta[j] = T.CreateTruncating(_sum[j]);
            dGamma[j] = T.CreateTruncating(_sumProduct[j]);
        }
        for (var i = 0; i < rows; i++)
        {
            var gi = dy.Row(i);
            var xi = xhat.Row(i);
            var di = dz.Row(i);
            for (var j = 0; j < _units; j++)
            {
                var scale = double.CreateTruncating(gamma[j]) * _invStd[j] / rows;
                var g = double.CreateTruncating(gi[j]);
                di[j] = T.CreateTruncating(scale * (rows * g - _sum[j] - double.CreateTruncating(xi[j]) * _sumProduct[j]));
            }
        }
    }

    private void ColumnMoments(MatrixView<T> z, double[] mean, double[] variance)
    {
        Array.Clear(mean);
        Array.Clear(variance);
        for (var i = 0; i < z.Rows; i++)
        {
            var zi = z.Row(i);
            for (var j = 0; j < _units; j++) mean[j] += double.CreateTruncating(zi[j]);
        }
        for (var j = 0; j < _units; j++) mean[j] /= z.Rows;
        for (var i = 0; i < z.Rows; i++)
        {
            var zi = z.Row(i);
            for (var j = 0; j < _units; j++)
            {
                var d = double.CreateTruncating(zi[j]) - mean[j];
                variance[j] += d * d;
            }
        }
        for (var j = 0; j < _units; j++) variance[j] /= z.Rows;
    }
}
