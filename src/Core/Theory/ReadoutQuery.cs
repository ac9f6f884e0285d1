using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Theory;

/// <summary>
/// The read-out and loss as the batch theory needs them: the loss's output gradient g = o − y (o the softmax
/// probabilities, the sigmoids or the raw outputs) is correlated across a batch's examples, and that correlation decides
/// how much of ‖∂L/∂W_l‖ comes from pairs of examples (see <see cref="BatchProfile"/>).
/// </summary>
/// <param name="Loss">cross-entropy (softmax), bce (a sigmoid per output) or mse.</param>
/// <param name="Outputs">Classes or output units k.</param>
/// <param name="WeightVariance">σ_w² of the read-out (fan_in·Var(W_out)).</param>
/// <param name="TargetMean">ȳ: the mean target vector (class frequencies for cross-entropy, positive rates for bce).</param>
/// <param name="TargetSecondMoment">E‖y‖² (1 for one-hot targets).</param>
public sealed record ReadoutQuery(LossKind Loss, int Outputs, double WeightVariance, double[] TargetMean, double TargetSecondMoment)
{
    /// <summary>Draws of the logits for a softmax's moments (a fixed stream: the theory is deterministic).</summary>
    public const int SoftmaxDraws = 4000;

    private static readonly ScalarActivation Logistic = new(ActivationKind.Sigmoid);

    /// <summary>Cross-entropy over <paramref name="classes"/> equally frequent classes.</summary>
    public static ReadoutQuery Balanced(int classes, double weightVariance) =>
        new(LossKind.CrossEntropy, classes, weightVariance, Enumerable.Repeat(1.0 / classes, classes).ToArray(), 1);

    /// <summary>
    /// ρ_g = E[g_a·g_b] / E‖g‖² for two examples whose outputs' pre-activations have variance <paramref name="v"/>,
    /// covariance <paramref name="k"/> and mean <paramref name="b"/> per output, with targets independent of a random
    /// net's outputs: E‖g‖² = E‖o‖² − 2 E[o]·ȳ + E‖y‖², E[g_a·g_b] = E[o_a·o_b] − 2 E[o]·ȳ + ‖ȳ‖².
    /// </summary>
    public double GradientCorrelation(double v, double k, double b)
    {
        var sumMean = TargetMean.Sum();
        var meanSquare = TargetMean.Sum(y => y * y);
        double self, pair, projection;
        switch (Loss)
        {
            case LossKind.CrossEntropy:
                (self, pair) = Softmax(v, k);
                projection = sumMean / Outputs; // E[p_c] = 1/C by symmetry
                break;
            case LossKind.Bce:
                var c = Math.Clamp(k / Math.Max(v, 1e-300), -1, 1);
                var s = Math.Sqrt(v);
                var r = Math.Sqrt(1 - c * c);
                var mean = GaussianQuadrature.Expect(z => Logistic.Value(b + s * z));
                self = Outputs * GaussianQuadrature.Expect(z => { var y = Logistic.Value(b + s * z); return y * y; });
                pair = Outputs * GaussianQuadrature.Expect2((z1, z2) => Logistic.Value(b + s * z1) * Logistic.Value(b + s * (c * z1 + r * z2)), _ => 0);
                projection = mean * sumMean;
                break;
            default:
                self = Outputs * (v + b * b);
                pair = Outputs * (k + b * b);
                projection = b * sumMean;
                break;
        }
        var diagonal = self - 2 * projection + TargetSecondMoment;
        var cross = pair - 2 * projection + meanSquare;
        return diagonal > 0 ? cross / diagonal : 0;
    }

    /// <summary>E‖p‖² and E[p_a·p_b] of softmax(z) with every logit ~ N(0, v) and corr(z_a, z_b) = k/v per class, by a fixed stream of draws.</summary>
    private (double Self, double Pair) Softmax(double v, double k)
    {
        var c = Math.Clamp(k / Math.Max(v, 1e-300), -1, 1);
        var s = Math.Sqrt(v);
        var r = Math.Sqrt(1 - c * c);
        var rng = new Rng(1);
        var za = new double[Outputs];
        var zb = new double[Outputs];
        double self = 0, pair = 0;
        for (var draw = 0; draw < SoftmaxDraws; draw++)
        {
            for (var j = 0; j < Outputs; j++)
            {
                var x = rng.NextGaussian();
                za[j] = s * x;
                zb[j] = s * (c * x + r * rng.NextGaussian());
            }
            Normalise(za);
            Normalise(zb);
            for (var j = 0; j < Outputs; j++)
            {
                self += za[j] * za[j];
                pair += za[j] * zb[j];
            }
        }
        return (self / SoftmaxDraws, pair / SoftmaxDraws);
    }

    private static void Normalise(double[] z)
    {
        var max = z.Max();
        var sum = 0.0;
        for (var j = 0; j < z.Length; j++) sum += z[j] = Math.Exp(z[j] - max);
        for (var j = 0; j < z.Length; j++) z[j] /= sum;
    }
}
