using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
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

    /// <summary>γ and β named "{name}.weight" and "{name}.bias"; <paramref name="role"/> is what they count as in their
    /// telemetry row (a transformer's sublayer row reports them with its biases).</summary>
    public LayerNorm(string name, int group, int units, int capacity, double epsilon, ParameterRole role = ParameterRole.Other)
    {
        _units = units;
        _epsilon = epsilon;
        Gamma = new Parameter<T>($"{name}.weight", group, units) { Role = role };
        Beta = new Parameter<T>($"{name}.bias", group, units) { Role = role };
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
            var invStd = 1.0 / Math.Sqrt(SquaredDeviations(zi, mean) / _units + _epsilon);
            _invStd[i] = invStd;
            var xi = _normalized.AsSpan(i * _units, _units);
            Normalize(zi, mean, invStd, xi);
            var yi = y.Row(i);
            TensorPrimitives.Multiply(xi, gamma, yi);
            TensorPrimitives.Add(yi, beta, yi);
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
            TensorPrimitives.MultiplyAdd(gi, xi, dGamma, dGamma);
            TensorPrimitives.Add(dBeta, gi, dBeta);
            TensorPrimitives.Multiply(gamma, gi, g);
            var (sum, sumProduct) = Sums(g, xi);
            InputGradient(g, xi, _invStd[i] / _units, sum, sumProduct, dz.Row(i));
        }
    }

    /// <summary>Σ (z − mean)² in float64.</summary>
    private static double SquaredDeviations(ReadOnlySpan<T> z, double mean)
    {
        var m = Vector256.Create(mean);
        var acc = Vector256<double>.Zero;
        var j = 0;
        for (; j < DoubleLanes.End(z.Length); j += DoubleLanes.Count)
        {
            var d = DoubleLanes.Load(z, j) - m;
            acc += d * d;
        }
        var sum = Vector256.Sum(acc);
        for (; j < z.Length; j++)
        {
            var d = double.CreateTruncating(z[j]) - mean;
            sum += d * d;
        }
        return sum;
    }

    /// <summary>x̂ = (z − mean)·invStd, computed in float64.</summary>
    private static void Normalize(ReadOnlySpan<T> z, double mean, double invStd, Span<T> xhat)
    {
        var (m, s) = (Vector256.Create(mean), Vector256.Create(invStd));
        var j = 0;
        for (; j < DoubleLanes.End(z.Length); j += DoubleLanes.Count) DoubleLanes.Store((DoubleLanes.Load(z, j) - m) * s, xhat, j);
        for (; j < z.Length; j++) xhat[j] = T.CreateTruncating((double.CreateTruncating(z[j]) - mean) * invStd);
    }

    /// <summary>(Σg, Σ g·x̂) over one row, in float64.</summary>
    private static (double Sum, double SumProduct) Sums(ReadOnlySpan<T> g, ReadOnlySpan<T> xhat)
    {
        Vector256<double> s = default, p = default;
        var j = 0;
        for (; j < DoubleLanes.End(g.Length); j += DoubleLanes.Count)
        {
            var gv = DoubleLanes.Load(g, j);
            s += gv;
            p += gv * DoubleLanes.Load(xhat, j);
        }
        var (sum, product) = (Vector256.Sum(s), Vector256.Sum(p));
        for (; j < g.Length; j++)
        {
            sum += double.CreateTruncating(g[j]);
            product += double.CreateTruncating(g[j]) * double.CreateTruncating(xhat[j]);
        }
        return (sum, product);
    }

    /// <summary>∂L/∂z = scale·(n·g − Σg − x̂·Σ(g·x̂)) with scale = 1/(n·σ).</summary>
    private void InputGradient(ReadOnlySpan<T> g, ReadOnlySpan<T> xhat, double scale, double sum, double sumProduct, Span<T> dz)
    {
        var (n, s, sv, pv) = (Vector256.Create((double)_units), Vector256.Create(scale), Vector256.Create(sum), Vector256.Create(sumProduct));
        var j = 0;
        for (; j < DoubleLanes.End(g.Length); j += DoubleLanes.Count)
            DoubleLanes.Store(s * (n * DoubleLanes.Load(g, j) - sv - DoubleLanes.Load(xhat, j) * pv), dz, j);
        for (; j < g.Length; j++)
            dz[j] = T.CreateTruncating(scale * (_units * double.CreateTruncating(g[j]) - sum - double.CreateTruncating(xhat[j]) * sumProduct));
    }
}
