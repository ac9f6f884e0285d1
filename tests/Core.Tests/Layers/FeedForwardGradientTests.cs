using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Layers;

public class FeedForwardGradientTests
{
    private const double Tolerance = 1e-6;
    private const int Inputs = 4, Classes = 3, Batch = 6;

    public static TheoryData<ActivationKind> Activations => [.. Enum.GetValues<ActivationKind>()];

    public static TheoryData<LossKind> LossKinds => [.. Enum.GetValues<LossKind>()];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Gradients_EveryActivation_MatchFiniteDifferences(ActivationKind activation) =>
        AssertGradients(new MlpSpec { Depth = 3, Width = 5, Activation = activation, LeakyReluSlope = 0.1, EluAlpha = 0.7 }, LossKind.CrossEntropy);

    [Theory]
    [MemberData(nameof(LossKinds))]
    public void Gradients_EveryLoss_MatchFiniteDifferences(LossKind loss) =>
        AssertGradients(new MlpSpec { Depth = 2, Width = 5, Activation = ActivationKind.Tanh }, loss);

    [Fact]
    public void Gradients_RegressionTargets_MatchFiniteDifferences() =>
        AssertGradients(new MlpSpec { Depth = 2, Width = 5, Activation = ActivationKind.Silu }, LossKind.Mse, regression: true);

    [Theory]
    [InlineData(Normalization.BatchNorm)]
    [InlineData(Normalization.LayerNorm)]
    public void Gradients_Normalization_MatchFiniteDifferences(Normalization norm) =>
        AssertGradients(new MlpSpec { Depth = 3, Width = 5, Activation = ActivationKind.Tanh, Normalization = norm }, LossKind.CrossEntropy);

    [Theory]
    [InlineData(1, Normalization.None)]
    [InlineData(2, Normalization.None)]
    [InlineData(2, Normalization.BatchNorm)]
    [InlineData(1, Normalization.LayerNorm)]
    public void Gradients_ResidualBlocks_MatchFiniteDifferences(int blockSize, Normalization norm) =>
        AssertGradients(new ResidualMlpSpec
        {
            Depth = 5, Width = 5, BlockSize = blockSize,
            Activation = ActivationKind.Gelu, Normalization = norm,
        }, LossKind.CrossEntropy);

    [Fact]
    public void Gradients_DeepNetWithExplicitWidths_MatchFiniteDifferences() =>
        AssertGradients(new MlpSpec { Widths = [7, 3, 6, 4, 5, 2], Activation = ActivationKind.Elu }, LossKind.Bce);

    private static void AssertGradients(FeedForwardSpec model, LossKind lossKind, bool regression = false)
    {
        var rng = new Rng(42);
        var net = new FeedForwardNet<double>(model, Inputs, Classes, Batch, new MatrixProduct<double>());
        GradientCheck.Randomize(net, rng);
        var input = GradientCheck.RandomMatrix(Batch, Inputs, rng);
        var labels = regression ? [] : Enumerable.Range(0, Batch).Select(i => i % Classes).ToArray();
        var targets = regression ? Enumerable.Range(0, Batch * Classes).Select(_ => rng.NextGaussian()).ToArray() : [];

        var (tensor, error) = GradientCheck.WorstRelativeError(net, Loss<double>.Create(lossKind), input, labels, targets);

        Assert.True(error < Tolerance, $"{tensor}: relative error {error:E2} ≥ {Tolerance:E0}");
    }
}
