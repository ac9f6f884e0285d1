using GradientService.Contracts.Spec;
using GradientService.Core.Theory;
using Xunit.Abstractions;

namespace GradientService.Core.Tests.Theory;

/// <summary>The order-to-chaos line and the trainable depth 6·ξ_c (Schoenholz et al. 2017, Figures 1 and 5).</summary>
public class PhaseDiagramTheoryTests(ITestOutputHelper output)
{
    private static readonly ScalarActivation Relu = new(ActivationKind.Relu);
    private static readonly ScalarActivation Tanh = new(ActivationKind.Tanh);

    /// <summary>ReLU: χ₁ = σ_w²/2 whatever q*, so the line is σ_w² = 2 at every σ_b².</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void CriticalWeightVariance_Relu_IsTwoForEveryBiasVariance(double sb)
    {
        Assert.Equal(2.0, PhaseDiagramTheory.CriticalWeightVariance(Relu, sb, 0.5, 4)!.Value, 1e-6);
    }

    /// <summary>tanh at σ_b² = 0: q* = 0 below σ_w² = 1 (χ₁ = σ_w² φ′(0)² = σ_w²) and χ₁ &gt; 1 above, so the line starts at σ_w² = 1.</summary>
    [Fact]
    public void CriticalWeightVariance_TanhWithoutBias_IsOne()
    {
        Assert.Equal(1.0, PhaseDiagramTheory.CriticalWeightVariance(Tanh, 0, 0.5, 4)!.Value, 0.01);
    }

    /// <summary>
    /// tanh with σ_b² &gt; 0: the line rises with σ_b² (Schoenholz et al. 2017, Figure 1: the ordered phase grows with the bias
    /// variance), and at each returned point χ₁ = σ_w² E[φ′(√q* z)²] = 1 when q* and the expectation are recomputed here by
    /// plain fixed-point iteration and a trapezoid rule on [−10, 10] (independent of the product's quadrature).
    /// </summary>
    [Fact]
    public void CriticalWeightVariance_TanhWithBias_RisesAndHasUnitChi()
    {
        double[] biases = [0.01, 0.05, 0.1, 0.5, 1, 2];
        var line = biases.Select(sb => PhaseDiagramTheory.CriticalWeightVariance(Tanh, sb, 0.5, 10)!.Value).ToArray();
        output.WriteLine(string.Join(", ", biases.Zip(line, (b, w) => $"σ_b² {b}: σ_w² {w:F4}")));

        for (var i = 1; i < line.Length; i++) Assert.True(line[i] > line[i - 1], $"σ_w² {line[i]} at σ_b² {biases[i]} not above {line[i - 1]}");
        for (var i = 0; i < line.Length; i++) Assert.Equal(1.0, TrapezoidChi(line[i], biases[i]), 1e-4);
        // Figure 5 (σ_b² = 0.05) puts the critical σ_w² between 1.5 and 2 (its trainable-depth peak).
        Assert.InRange(line[1], 1.5, 2.0);
    }

    [Fact]
    public void Build_TanhPlane_TrainableDepthPeaksOnTheLineAndIsNullNowhereBounded()
    {
        var query = new PhaseQuery(Tanh, 50, 1, 4, 0.05, 0.05, 31);

        var diagram = PhaseDiagramTheory.Build(query);

        var line = Assert.Single(diagram.CriticalLine);
        var column = diagram.TrainableDepth.Select(row => Assert.Single(row)!.Value).ToArray();
        var peak = Array.IndexOf(column, column.Max());
        Assert.Equal(31, column.Length);
        Assert.InRange(diagram.GridWeightVariances[peak], line.WeightVariance - 0.1, line.WeightVariance + 0.1);
        Assert.True(column[0] < column[peak] && column[^1] < column[peak]);
        Assert.Equal("tanh", diagram.Activation);
    }

    [Fact]
    public void Build_ReluOrderedPhase_TrainableDepthIsSixOverMinusLogChi()
    {
        var diagram = PhaseDiagramTheory.Build(new PhaseQuery(Relu, 20, 1, 1.5, 0, 0.5, 2));

        Assert.Equal(6 / -Math.Log(0.5), diagram.TrainableDepth[0][0]!.Value, 1e-9);
        Assert.Equal(6 / -Math.Log(0.75), diagram.TrainableDepth[1][1]!.Value, 1e-9);
        Assert.Empty(diagram.CriticalLine);
    }

    [Fact]
    public void Build_ReluChaoticPhase_TrainableDepthIsNullWhereQGrowsWithoutBound()
    {
        var diagram = PhaseDiagramTheory.Build(new PhaseQuery(Relu, 20, 2.5, 3, 0, 0.1, 2));

        Assert.All(diagram.TrainableDepth.SelectMany(r => r), d => Assert.Null(d));
    }

    [Fact]
    public void Validate_BadPlane_NamesEveryParameter()
    {
        var errors = new PhaseQuery(Tanh, 0, 2, 1, -1, 0.5, 1).Validate().Select(e => e.Field).ToArray();

        Assert.Equal(["depth", "points", "weightVarianceMax", "biasVarianceMin"], errors);
    }

    private static double TrapezoidChi(double sw, double sb)
    {
        double Mean(double q, Func<double, double> f)
        {
            const int n = 20_000;
            var (sum, h) = (0.0, 20.0 / n);
            for (var i = 0; i <= n; i++)
            {
                var z = -10 + i * h;
                sum += (i == 0 || i == n ? 0.5 : 1) * f(Math.Sqrt(q) * z) * Math.Exp(-z * z / 2);
            }
            return sum * h / Math.Sqrt(2 * Math.PI);
        }
        var q = 1.0;
        for (var i = 0; i < 500; i++) q = sw * Mean(q, x => Math.Tanh(x) * Math.Tanh(x)) + sb;
        return sw * Mean(q, x => Math.Pow(1 / Math.Cosh(x), 4));
    }
}
