using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class AdamTests
{
    private const double Eta = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_Adam_MatchesFormula(Precision precision, double decay) => AssertFormula(OptimizerKind.Adam, precision, decay);

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_AdamW_MatchesFormula(Precision precision, double decay) => AssertFormula(OptimizerKind.AdamW, precision, decay);

    [Fact]
    public void Step_FirstUpdate_MovesEtaAgainstTheGradientSign()
    {
        // m̂₁ = g, v̂₁ = g²: ΔW = −η·g/(|g| + ε) = −0.01·0.2/(0.2 + 1e-8) for w = 0.5.
        var actual = OptimizerHarness.Run(Precision.Float64, Spec(OptimizerKind.Adam, 0), Eta);

        Assert.Equal(0.5 - 0.01 * 0.2 / (0.2 + 1e-8), actual[0][0], 1e-15);
        Assert.Equal(-0.2, actual[0][7], 1e-15);
    }

    [Fact]
    public void Step_AdamWDecay_ShrinksWeightBeforeTheStep()
    {
        // AdamW: w(1 − ηλ) − η·sign(g) ≈ 0.5·(1 − 0.01·0.1) − 0.01 = 0.4895 (Adam's L2 would leave the first step at 0.49).
        var adamW = OptimizerHarness.Run(Precision.Float64, Spec(OptimizerKind.AdamW, 0.1), Eta);
        var adam = OptimizerHarness.Run(Precision.Float64, Spec(OptimizerKind.Adam, 0.1), Eta);

        Assert.Equal(0.4895, adamW[0][0], 1e-9);
        Assert.Equal(0.49, adam[0][0], 1e-9);
    }

    private static void AssertFormula(OptimizerKind kind, Precision precision, double decay)
    {
        var actual = OptimizerHarness.Run(precision, Spec(kind, decay), Eta);

        var decoupled = kind == OptimizerKind.AdamW;
        var w = OptimizerHarness.InitialValues.ToArray();
        var m = new double[w.Length];
        var v = new double[w.Length];
        for (var t = 1; t <= 2; t++)
        {
            for (var j = 0; j < w.Length; j++)
            {
                var g = OptimizerHarness.Gradients[t - 1][j] + (decoupled ? 0 : decay * w[j]);
                if (decoupled) w[j] -= Eta * decay * w[j];
                m[j] = Beta1 * m[j] + (1 - Beta1) * g;
                v[j] = Beta2 * v[j] + (1 - Beta2) * g * g;
                var mHat = m[j] / (1 - Math.Pow(Beta1, t));
                var vHat = v[j] / (1 - Math.Pow(Beta2, t));
                w[j] -= Eta * mHat / (Math.Sqrt(vHat) + Epsilon);
            }
            OptimizerHarness.AssertClose(w, actual[t - 1], OptimizerHarness.Tolerance(precision));
        }
    }

    private static OptimizerSpec Spec(OptimizerKind kind, double decay) =>
        new() { Kind = kind, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon, WeightDecay = decay };
}
