using GradientService.Contracts.Spec;
using GradientService.Core.Losses;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Losses;

/// <summary>The classic texts' output conventions (Nielsen, ch. 1 and 3) against hand-worked values; their finite-difference
/// checks run with every loss in FeedForwardGradientTests.</summary>
public class ClassicLossTests
{
    private static readonly double[] Logits = [0.3, -1.2, 2.0, -0.4, 0.9, 0.1];
    private static readonly int[] Labels = [2, 0];

    [Fact]
    public void BceSum_IsTheMeanBceTimesTheOutputs_LossAndGradient()
    {
        var (mean, meanGrad) = Compute(LossKind.Bce);
        var (sum, sumGrad) = Compute(LossKind.BceSum);

        Assert.Equal(3 * mean, sum, 1e-12);
        for (var i = 0; i < Logits.Length; i++) Assert.Equal(3 * meanGrad[i], sumGrad[i], 1e-12);
    }

    [Fact]
    public void BceSum_MatchesNielsensFormula()
    {
        // C = −(1/n) Σ_x Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], a = σ(z).
        var expected = 0.0;
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++)
            {
                var a = 1 / (1 + Math.Exp(-Logits[i * 3 + j]));
                var y = Labels[i] == j ? 1.0 : 0.0;
                expected -= y * Math.Log(a) + (1 - y) * Math.Log(1 - a);
            }

        Assert.Equal(expected / 2, Compute(LossKind.BceSum).Loss, 1e-12);
    }

    [Fact]
    public void Quadratic_MatchesHalfSquaredDistanceOfSigmoidOutputs()
    {
        // C = (1/2n) Σ_x ‖y − σ(z)‖²; ∂C/∂z = (a − y) a (1 − a) / n.
        var (loss, gradient) = Compute(LossKind.Quadratic);
        var expected = 0.0;
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++)
            {
                var a = 1 / (1 + Math.Exp(-Logits[i * 3 + j]));
                var d = a - (Labels[i] == j ? 1.0 : 0.0);
                expected += 0.5 * d * d;
                Assert.Equal(d * a * (1 - a) / 2, gradient[i * 3 + j], 1e-12);
            }

        Assert.Equal(expected / 2, loss, 1e-12);
    }

    private static (double Loss, double[] Gradient) Compute(LossKind kind)
    {
        var logits = new Matrix<double>(2, 3);
        Logits.CopyTo(logits.Data, 0);
        var gradient = new Matrix<double>(2, 3);
        var loss = Loss<double>.Create(kind).Compute(logits, Labels, [], gradient);
        return (loss, gradient.Data.ToArray());
    }
}
