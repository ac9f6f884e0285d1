using GradientService.Contracts.Spec;
using GradientService.Core.Theory;

namespace GradientService.Core.Tests.Theory;

public sealed class BatchProfileTests
{
    private static MeanFieldQuery Query(ActivationKind activation, double sw, int width, int batch) =>
        new(new ScalarActivation(activation), sw, 0, 20, width, 1) { Batch = batch };

    [Theory]
    [InlineData(ActivationKind.Tanh, 1.0)]
    [InlineData(ActivationKind.Sigmoid, 2.0)]
    [InlineData(ActivationKind.Relu, 2.0)]
    public void Expected_OneExampleAtLargeWidth_IsTheInfiniteWidthLine(ActivationKind activation, double sw)
    {
        var report = MeanField.Analyze(Query(activation, sw, width: 4096, batch: 1));

        Assert.All(report.Layers, l => Assert.InRange(l.ExpectedLog10DeltaRatio - l.Log10DeltaRatio, -0.02, 0.02));
    }

    [Fact]
    public void Expected_OneExample_WeightGradientIsDeltaTimesItsInput()
    {
        // One example: ‖∂L/∂W_l‖ = ‖δ_l‖·‖h_{l−1}‖, and for relu with σ_w² = 2 every ‖h_l‖² = N q (the input's n·q₀ too at n = N).
        var report = MeanField.Analyze(Query(ActivationKind.Relu, 2, width: 4096, batch: 1));

        Assert.All(report.Layers, l => Assert.InRange(l.ExpectedLog10WeightGradRatio!.Value - l.ExpectedLog10DeltaRatio, -0.02, 0.02));
    }

    [Fact]
    public void Expected_NearMarginalGelu_BatchSitsAboveOneExample()
    {
        // gelu, he init: examples collapse at different depths; the batch norm is led by those that collapsed least.
        var layer = MeanField.Analyze(Query(ActivationKind.Gelu, 2, width: 512, batch: 64)).Layers[0];

        Assert.InRange(layer.ExpectedLog10DeltaRatio - layer.Log10DeltaRatio, 0.2, 0.6);
    }

    [Fact]
    public void Expected_OrderedReluWithBatch_TopWeightGradientGainsFromPairs()
    {
        // relu, he init: c → 1 with depth, so the last layer's pairs add to ‖∂L/∂W_D‖ while the first layer's inputs are uncorrelated.
        var one = MeanField.Analyze(Query(ActivationKind.Relu, 2, width: 512, batch: 1)).Layers[0].ExpectedLog10WeightGradRatio!.Value;
        var batch = MeanField.Analyze(Query(ActivationKind.Relu, 2, width: 512, batch: 64)).Layers[0].ExpectedLog10WeightGradRatio!.Value;

        Assert.InRange(one, -0.05, 0.05);
        Assert.InRange(batch, -0.8, -0.2);
    }

    [Fact]
    public void Expected_FewInputFeatures_NoWeightGradientLineAndSaysWhy()
    {
        var report = MeanField.Analyze(Query(ActivationKind.Relu, 2, width: 64, batch: 64) with { InputWidth = 2 });

        Assert.All(report.Layers, l => Assert.Null(l.ExpectedLog10WeightGradRatio));
        Assert.All(report.Layers, l => Assert.True(double.IsFinite(l.ExpectedLog10DeltaRatio)));
        Assert.Contains(report.Caveats, c => c.Code == "few-input-features" && !c.Voids);
    }

    [Fact]
    public void GradientCorrelation_UniformSoftmaxBalancedClasses_IsZero()
    {
        // Logits ≈ 0: p = 1/C, so E[g_a·g_b] = 1/C − 2/C + Σπ² = 0 for balanced classes.
        var readout = ReadoutQuery.Balanced(10, 1);

        Assert.Equal(0, readout.GradientCorrelation(1e-12, 1e-12, 0), 1e-9);
    }

    [Fact]
    public void GradientCorrelation_SkewedClasses_IsTheirExcessAgreement()
    {
        var readout = new ReadoutQuery(LossKind.CrossEntropy, 2, 1, [0.8, 0.2], 1);

        // p = ½: (½ − 1 + 0.68)/(½ − 1 + 1) = 0.36.
        Assert.Equal(0.36, readout.GradientCorrelation(1e-12, 1e-12, 0), 1e-9);
    }

    [Fact]
    public void GradientCorrelation_Mse_IsTheClosedForm()
    {
        var readout = new ReadoutQuery(LossKind.Mse, 2, 1, [0.5, -0.5], 1.5);

        // (k·K − 0 + ‖ȳ‖²)/(k·V + E‖y‖²) with V = 2, K = 1: (2 + 0.5)/(4 + 1.5).
        Assert.Equal(2.5 / 5.5, readout.GradientCorrelation(2, 1, 0), 1e-12);
    }
}
