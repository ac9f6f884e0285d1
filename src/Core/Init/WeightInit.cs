using GradientService.Contracts.Spec;
using GradientService.Core.Training;
using MathNet.Numerics.LinearAlgebra;

namespace GradientService.Core.Init;

/// <summary>
/// Named initialisers for a weight matrix stored [fanOut, fanIn] (PyTorch's nn.Linear layout). Every draw comes
/// from the run's <see cref="Rng"/>, row by row, so the same seed gives the same weights.
/// </summary>
public static class WeightInit
{
    /// <summary>Kumar (2017) for logistic units: std = 3.6/√fan_in.</summary>
    public const double KumarScale = 3.6;

    /// <summary>Yilmaz &amp; Poli (2022): mean = max(−1, −8/fan_in), here with std 1/√fan_in (LeCun's variance).</summary>
    public const double YilmazPoliMeanNumerator = -8.0;

    /// <summary>
    /// Fills <paramref name="w"/> ([fanOut × fanIn], row-major) by <paramref name="scheme"/>. A convolution's kernel
    /// [out, in, k, k] is the matrix [out, in·k·k] with <paramref name="receptiveField"/> = k·k: fan_in = in·k·k is its
    /// row length, and fan_out = out·k·k (PyTorch's _calculate_fan_in_and_fan_out).
    /// </summary>
    public static void Fill<T>(Span<T> w, int fanOut, int fanIn, InitScheme scheme, InitSpec spec, Rng rng, int receptiveField = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w.Length != fanOut * fanIn) throw new ArgumentException($"Expected {fanOut}×{fanIn} weights, got {w.Length}.", nameof(w));
        var fanOutScale = (double)fanOut * receptiveField;
        switch (scheme)
        {
            case InitScheme.Standard: Uniform(w, 1.0 / Math.Sqrt(fanIn), rng); break;
            case InitScheme.XavierUniform: Uniform(w, Math.Sqrt(6.0 / (fanIn + fanOutScale)), rng); break;
            case InitScheme.XavierNormal: Normal(w, 0, Math.Sqrt(2.0 / (fanIn + fanOutScale)), rng); break;
            case InitScheme.HeUniform: Uniform(w, Math.Sqrt(6.0 / fanIn), rng); break;
            case InitScheme.HeNormal: Normal(w, 0, Math.Sqrt(2.0 / fanIn), rng); break;
            case InitScheme.LecunNormal: Normal(w, 0, Math.Sqrt(1.0 / fanIn), rng); break;
            case InitScheme.Kumar: Normal(w, 0, KumarScale / Math.Sqrt(fanIn), rng); break;
            case InitScheme.YilmazPoli: Normal(w, Math.Max(-1.0, YilmazPoliMeanNumerator / fanIn), 1.0 / Math.Sqrt(fanIn), rng); break;
            case InitScheme.Normal: Normal(w, spec.Mean, spec.Std, rng); break;
            case InitScheme.ScaledNormal: Normal(w, 0, Math.Sqrt(spec.WeightVariance / fanIn), rng); break;
            case InitScheme.Orthogonal: Orthogonal(w, fanOut, fanIn, spec.Gain, rng); break;
            case InitScheme.Identity: Identity(w, fanOut, fanIn, spec.Gain); break;
            default: throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown init scheme.");
        }
    }

    /// <summary>
    /// Fills a bias vector: the constant <see cref="InitSpec.Bias"/>, or with σ_b² = <see cref="InitSpec.BiasVariance"/> &gt; 0
    /// draws with mean bias and variance σ_b²: N(bias, σ_b²) (PyTorch: nn.init.normal_(b, bias, √σ_b²)) or
    /// U(bias ± √(3σ_b²)) (nn.init.uniform_(b, bias − a, bias + a)). σ_b² = 0 draws nothing, so the run's random
    /// stream, and every later draw, is what it was before the field existed.
    /// </summary>
    public static void FillBias<T>(Span<T> b, InitSpec spec, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (spec.BiasVariance <= 0) b.Fill(T.CreateTruncating(spec.Bias));
        else if (spec.BiasDistribution == BiasDistribution.Uniform) Uniform(b, spec.Bias, Math.Sqrt(3 * spec.BiasVariance), rng);
        else Normal(b, spec.Bias, Math.Sqrt(spec.BiasVariance), rng);
    }

    private static void Uniform<T>(Span<T> w, double bound, Rng rng) where T : unmanaged, IFloatingPointIeee754<T> => Uniform(w, 0, bound, rng);

    /// <summary>U(center − bound, center + bound).</summary>
    private static void Uniform<T>(Span<T> w, double center, double bound, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < w.Length; i++) w[i] = T.CreateTruncating(center + (2 * rng.NextDouble() - 1) * bound);
    }

    private static void Normal<T>(Span<T> w, double mean, double std, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < w.Length; i++) w[i] = T.CreateTruncating(mean + std * rng.NextGaussian());
    }

    /// <summary>
    /// gain·Q with Q from the QR decomposition of a Gaussian matrix, signs fixed by diag(R) so Q is uniform on the
    /// orthogonal group (Saxe et al. 2014; PyTorch's nn.init.orthogonal_). Rows are orthonormal when fanOut ≤ fanIn,
    /// columns otherwise.
    /// </summary>
    private static void Orthogonal<T>(Span<T> w, int fanOut, int fanIn, double gain, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = fanOut < fanIn ? (fanIn, fanOut) : (fanOut, fanIn);
        var gaussian = Matrix<double>.Build.Dense(rows, cols, (_, _) => rng.NextGaussian());
        var qr = gaussian.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var q = qr.Q;
        var r = qr.R;
        for (var j = 0; j < cols; j++)
        {
            var sign = r[j, j] < 0 ? -1.0 : 1.0;
            for (var i = 0; i < rows; i++) q[i, j] *= sign * gain;
        }
        for (var o = 0; o < fanOut; o++)
            for (var i = 0; i < fanIn; i++)
                w[o * fanIn + i] = T.CreateTruncating(fanOut < fanIn ? q[i, o] : q[o, i]);
    }

    private static void Identity<T>(Span<T> w, int fanOut, int fanIn, double gain) where T : unmanaged, IFloatingPointIeee754<T>
    {
        w.Clear();
        for (var i = 0; i < Math.Min(fanOut, fanIn); i++) w[i * fanIn + i] = T.CreateTruncating(gain);
    }
}
