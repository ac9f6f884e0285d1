using GradientService.Core.Tensors;

namespace GradientService.Core.Layers;

/// <summary>
/// Layer normalisation (Ba, Kiros &amp; Hinton 2016) over the n features of each row: x̂ = (z − μ)/√(σ² + ε),
/// y = γ x̂ + β, the same in training and evaluation. Backward per row:
/// ∂L/∂z = (1/n)·(1/√(σ²+ε))·(n·g − Σg − x̂·Σ(g·x̂)), g = γ ⊙ ∂L/∂y.
/// </summary>
internal sealed class LayerNorm<T> : INormalization<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _units;
    private readonly double _epsilon;
    private readonly double[] _invStd;
    private readonly T[] _normalized;
    private readonly T[] _scaledGrad;

    public LayerNorm(string name, int group, int units, int capacity, double epsilon)
    {
        _units = units;
        _epsilon = epsilon;
        Gamma = new Parameter<T>($"{name}.weight", group, units);
        Beta = new Parameter<T>($"{name}.bias", group, units);
        Gamma.Value.AsSpan().Fill(T.One);
        _invStd = new double[capacity];
        _normalized = new T[capacity * units];
        _scaledGrad = new T[units];
    }

    public Parameter<T> Gamma { get; }
    public Parameter<T> Beta { get; }
    public IReadOnlyList<(string Name, T[] Data)> Buffers => [];

    public void Forward(MatrixView<T> z, MatrixView<T> y, bool training)
    {
        var gamma = Gamma.Value;
        var beta = Beta.Value;
        for (var i = 0; i < z.Rows; i++)
        {
            var zi = z.Row(i);
            var (sum, _) = Reductions.Moments<T>(zi);
            var mean = sum / _units;
            var variance = 0.0;
            foreach (var v in zi)
            {
                var d = double.CreateTruncating(v) - mean;
                variance += d * d;
            }
            var invStd = 1.0 / Math.Sqrt(variance / _units + _epsilon);
            _invStd[i] = invStd;
            var xi = _normalized.AsSpan(i * _units, _units);
            var yi = y.Row(i);
            for (var j = 0; j < _units; j++)
            {
                xi[j] = T.CreateTruncating((double.CreateTruncating(zi[j]) - mean) * invStd);
                yi[j] = gamma[j] * xi[j] + beta[j];
            }
        }
    }

    public void Backward(MatrixView<T> dy, MatrixView<T> dz)
    {
        var gamma = Gamma.Value;
        var dGamma = Gamma.Grad.AsSpan();
        var dBeta = Beta.Grad.AsSpan();
        dGamma.Clear();
        dBeta.Clear();
        var g = _scaledGrad.AsSpan();
        for (var i = 0; i < dy.Rows; i++)
        {
            var gi = dy.Row(i);
            var xi = _normalized.AsSpan(i * _units, _units);
            double sum = 0, sumProduct = 0;
            for (var j = 0; j < _units; j++)
            {
                dGamma[j] += gi[j] * xi[j];
                dBeta[j] += gi[j];
                g[j] = gamma[j] * gi[j];
                sum += double.CreateTruncating(g[j]);
                sumProduct += double.CreateTruncating(g[j]) * double.CreateTruncating(xi[j]);
            }
            var di = dz.Row(i);
            var scale = _invStd[i] / _units;
            for (var j = 0; j < _units; j++)
                di[j] = T.CreateTruncating(scale * (_units * double.CreateTruncating(g[j]) - sum - double.CreateTruncating(xi[j]) * sumProduct));
        }
    }
}
