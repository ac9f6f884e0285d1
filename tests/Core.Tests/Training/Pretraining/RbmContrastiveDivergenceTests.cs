using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;
using GradientService.Core.Training.Methods.Pretraining;

namespace GradientService.Core.Tests.Training.Pretraining;

/// <summary>CD-1 on a 2 × 2 RBM with Bernoulli units, one example, against the update worked out by hand (Hinton 2002).</summary>
public class RbmContrastiveDivergenceTests
{
    private const ulong Seed = 7;
    private static readonly double[] W = [0.5, -1, 1, 0.25]; // [hidden, visible]
    private static readonly double[] B = [0.1, -0.2], C = [0.3, -0.1], V0 = [1, 0];

    [Fact]
    public void Gradients_Cd1_EqualTheHandComputedStatistics()
    {
        var (rbm, mm, input) = Build(k: 1);

        var error = rbm.Gradients(mm, input);

        // By hand: p₀ = σ(b + W v₀); h₀ ~ p₀ with the generator's first two draws; v₁ = σ(c + Wᵀh₀); p₁ = σ(b + W v₁).
        var draws = new Rng(Seed);
        double[] p0 = [Sigmoid(0.1 + 0.5 * 1), Sigmoid(-0.2 + 1 * 1)];
        double[] h0 = [draws.NextDouble() < p0[0] ? 1 : 0, draws.NextDouble() < p0[1] ? 1 : 0];
        double[] v1 = [Sigmoid(0.3 + 0.5 * h0[0] + 1 * h0[1]), Sigmoid(-0.1 - 1 * h0[0] + 0.25 * h0[1])];
        double[] p1 = [Sigmoid(0.1 + 0.5 * v1[0] - 1 * v1[1]), Sigmoid(-0.2 + 1 * v1[0] + 0.25 * v1[1])];
        double[] dW = [p1[0] * v1[0] - p0[0] * 1, p1[0] * v1[1] - p0[0] * 0, p1[1] * v1[0] - p0[1] * 1, p1[1] * v1[1] - p0[1] * 0];

        var weight = rbm.Parameters[0].Grad;
        for (var i = 0; i < 4; i++) Assert.Equal(dW[i], weight[i], 1e-12);
        Assert.Equal(p1[0] - p0[0], rbm.Parameters[1].Grad[0], 1e-12);
        Assert.Equal(p1[1] - p0[1], rbm.Parameters[1].Grad[1], 1e-12);
        Assert.Equal(v1[0] - 1, rbm.Parameters[2].Grad[0], 1e-12);
        Assert.Equal(v1[1] - 0, rbm.Parameters[2].Grad[1], 1e-12);
        Assert.Equal(((v1[0] - 1) * (v1[0] - 1) + v1[1] * v1[1]) / 2, error, 1e-12);
    }

    [Fact]
    public void Gradients_Cd3_DrawsOneSampleOfEachHiddenLayerButTheLast()
    {
        var (rbm, mm, input) = Build(k: 3);
        var generator = new Rng(Seed);
        var (once, _, _) = Build(k: 3, generator);

        once.Gradients(mm, input);
        rbm.Gradients(mm, input);

        // Two hidden units sampled at t = 0, 1 and 2 (the last hidden probabilities are not sampled): 6 draws.
        var expected = new Rng(Seed);
        for (var i = 0; i < 6; i++) expected.NextDouble();
        Assert.Equal(expected.NextUInt64(), generator.NextUInt64());
    }

    private static (RbmPretrainer<double> Rbm, MatrixProduct<double> Mm, MatrixView<double> Input) Build(int k, Rng? rng = null)
    {
        var mm = new MatrixProduct<double>();
        var net = new FeedForwardNet<double>(new MlpSpec { Widths = [2], Activation = ActivationKind.Sigmoid }, 2, 2, 1, mm);
        var layer = net.Layer(0);
        W.CopyTo(layer.Dense.Weight.Value, 0);
        B.CopyTo(layer.Dense.Bias.Value, 0);
        var input = new MatrixView<double>([.. V0], 0, 1, 2);
        net.Forward(input, true, null);
        var rbm = new RbmPretrainer<double>(layer, 0, k, rng ?? new Rng(Seed), ActivationKind.Sigmoid, 1, new OptimizerSpec());
        C.CopyTo(rbm.Decoder[0].Value, 0);
        return (rbm, mm, input);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
