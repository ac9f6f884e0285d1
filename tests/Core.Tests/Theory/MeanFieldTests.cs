using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Theory;

namespace GradientService.Core.Tests.Theory;

/// <summary>The recursions' closed forms and the quadrature behind the others.</summary>
public class MeanFieldTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.05)]
    [InlineData(3.7, 0.3)]
    public void Relu_ChiAndQRecursion_EqualClosedForms(double sw, double sb)
    {
        var report = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Relu), sw, sb, Depth: 12, Width: 512, InputSecondMoment: 1.3));

        var q = sw * 1.3 + sb;
        foreach (var layer in report.Layers)
        {
            Assert.Equal(sw / 2, layer.Chi, 15);
            Assert.Equal(q, layer.Q, 12);
            q = sw * q / 2 + sb;
        }
        Assert.Equal(sw / 2, report.Chi, 15);
    }

    [Fact]
    public void Identity_Chi_EqualsWeightVariance()
    {
        var report = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Identity), 0.8, 0.1, Depth: 5, Width: 100, InputSecondMoment: 1));

        Assert.All(report.Layers, l => Assert.Equal(0.8, l.Chi, 15));
        Assert.Equal(TheoryPhase.Ordered, report.Phase);
        Assert.Equal(-1 / Math.Log(0.8), report.GradientDepthScale!.Value, 12);
        Assert.Equal(2 * Math.Log10(0.8), report.Layers[0].Log10DeltaRatio, 12); // ½ · 4 layers · log₁₀ 0.8
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(30.0)]
    [InlineData(1e4)]
    public void Quadrature_TanhSquared_MatchesIndependentIntegration(double q)
    {
        // The integrand is even: twice the half-line, where tanh-sinh clusters its nodes at the steep end z = 0.
        var expected = 2 * MathNet.Numerics.Integration.DoubleExponentialTransformation.Integrate(
            x => Math.Pow(Math.Tanh(Math.Sqrt(q) * x), 2) * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI), 0, 14, 1e-15);

        var actual = MeanField.ValueSquared(new ScalarActivation(ActivationKind.Tanh), q, 0);

        Assert.Equal(expected, actual, expected * 1e-10);
    }

    [Theory]
    [InlineData(ActivationKind.Relu, 0.0, 0.5)]
    [InlineData(ActivationKind.LeakyRelu, 0.2, 0.52)]
    public void Quadrature_KinkedAtZero_MatchesClosedForm(ActivationKind kind, double slope, double expected)
    {
        var phi = new ScalarActivation(kind, slope);

        Assert.Equal(expected * 2.5, GaussianQuadrature.Expect(z => Math.Pow(phi.Value(Math.Sqrt(2.5) * z), 2)), 1e-12);
        Assert.Equal(expected, GaussianQuadrature.Expect(z => Math.Pow(phi.Slope(z), 2)), 1e-12);
    }

    [Fact]
    public void Quadrature_ShiftedKink_MatchesClosedForm()
    {
        // E[relu(b + z)] = b Φ(b) + 𝜙(b), the kink at z = −b.
        const double b = 0.7;
        var expected = b * MathNet.Numerics.Distributions.Normal.CDF(0, 1, b) + MathNet.Numerics.Distributions.Normal.PDF(0, 1, b);

        Assert.Equal(expected, GaussianQuadrature.Expect(z => Math.Max(0, b + z), -b), 1e-12);
    }

    [Fact]
    public void Tanh_LargeWeightVariance_IsChaoticWithCorrelationBelowOne()
    {
        var report = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Tanh), 4, 0.01, Depth: 10, Width: 1000, InputSecondMoment: 1));

        Assert.Equal(TheoryPhase.Chaotic, report.Phase);
        Assert.True(report.Chi > 1, $"χ = {report.Chi}");
        Assert.InRange(report.FixedPointCorrelation!.Value, 0, 0.5);
        Assert.NotNull(report.CorrelationDepthScale);
    }

    [Fact]
    public void Phase_TanhBelowOneAndReluHe_OrderedAndEdge()
    {
        var ordered = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Tanh), 0.5, 0, Depth: 10, Width: 1000, InputSecondMoment: 1));
        var edge = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Relu), 2, 0, Depth: 10, Width: 1000, InputSecondMoment: 1));

        Assert.Equal(TheoryPhase.Ordered, ordered.Phase);
        Assert.Equal(1, ordered.FixedPointCorrelation);
        Assert.Equal(TheoryPhase.Edge, edge.Phase);
        Assert.Null(edge.GradientDepthScale);
    }

    [Fact]
    public void Relu_WeightVarianceAboveTwo_ReportsUnboundedQWithoutCorrelation()
    {
        var report = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Relu), 3, 0, Depth: 10, Width: 1000, InputSecondMoment: 1));

        Assert.Equal(TheoryPhase.Chaotic, report.Phase);
        Assert.Equal(1.5, report.Chi, 15);
        Assert.Null(report.FixedPointQ);
        Assert.Null(report.FixedPointCorrelation);
        Assert.Null(report.CorrelationDepthScale);
        Assert.Contains(report.Caveats, c => c.Code == "unbounded-q");
    }

    [Fact]
    public void Tanh_ChaoticWithoutBias_HasUncorrelatedFixedPoint()
    {
        // tanh is odd: with σ_b² = 0 the correlation map sends 0 to 0, the stable fixed point when χ₁ > 1.
        var report = MeanField.Analyze(new MeanFieldQuery(new ScalarActivation(ActivationKind.Tanh), 3, 0, Depth: 10, Width: 1000, InputSecondMoment: 1));

        Assert.Equal(0, report.FixedPointCorrelation!.Value, 10);
    }
}
