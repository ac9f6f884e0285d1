using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class SgdMomentumTests
{
    private const double Eta = 0.1, Mu = 0.9;

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_Plain_MatchesFormula(Precision precision, double decay) => AssertFormula(precision, decay, nesterov: false);

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_Nesterov_MatchesFormula(Precision precision, double decay) => AssertFormula(precision, decay, nesterov: true);

    [Fact]
    public void Step_NesterovFirstUpdate_MovesOnePlusMuTimesPlain()
    {
        // Step 1: v = g, so plain moves −ηg and Nesterov −η(g + μg): w = 0.5, g = 0.2 gives 0.48 and 0.462.
        var plain = OptimizerHarness.Run(Precision.Float64, Spec(nesterov: false, decay: 0), Eta);
        var nesterov = OptimizerHarness.Run(Precision.Float64, Spec(nesterov: true, decay: 0), Eta);

        Assert.Equal(0.48, plain[0][0], 1e-15);
        Assert.Equal(0.462, nesterov[0][0], 1e-15);
    }

    private static void AssertFormula(Precision precision, double decay, bool nesterov)
    {
        var actual = OptimizerHarness.Run(precision, Spec(nesterov, decay), Eta);

        var w = OptimizerHarness.InitialValues.ToArray();
        var v = new double[w.Length];
        for (var t = 0; t < 2; t++)
        {
            for (var j = 0; j < w.Length; j++)
            {
                var g = OptimizerHarness.Gradients[t][j] + decay * w[j];
                v[j] = t == 0 ? g : Mu * v[j] + g;
                w[j] -= Eta * (nesterov ? g + Mu * v[j] : v[j]);
            }
            OptimizerHarness.AssertClose(w, actual[t], OptimizerHarness.Tolerance(precision));
        }
    }

    private static OptimizerSpec Spec(bool nesterov, double decay) =>
        new() { Kind = OptimizerKind.Momentum, Momentum = Mu, Nesterov = nesterov, WeightDecay = decay };
}
