using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class RmsPropTests
{
    private const double Eta = 0.01, Alpha = 0.9, Epsilon = 1e-8;

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_TwoUpdates_MatchFormula(Precision precision, double decay)
    {
        var spec = new OptimizerSpec { Kind = OptimizerKind.RmsProp, Alpha = Alpha, Epsilon = Epsilon, WeightDecay = decay };
        var actual = OptimizerHarness.Run(precision, spec, Eta);

        var w = OptimizerHarness.InitialValues.ToArray();
        var v = new double[w.Length];
        for (var t = 0; t < 2; t++)
        {
            for (var j = 0; j < w.Length; j++)
            {
                var g = OptimizerHarness.Gradients[t][j] + decay * w[j];
                v[j] = Alpha * v[j] + (1 - Alpha) * g * g;
                w[j] -= Eta * g / (Math.Sqrt(v[j]) + Epsilon);
            }
            OptimizerHarness.AssertClose(w, actual[t], OptimizerHarness.Tolerance(precision));
        }
    }

    [Fact]
    public void Step_FirstUpdate_MovesEtaOverSqrtOneMinusAlpha()
    {
        // v = (1−α)g², so the step is η·g/(√(1−α)|g| + ε) ≈ η/√0.1 = 0.0316228 against the gradient's sign.
        var spec = new OptimizerSpec { Kind = OptimizerKind.RmsProp, Alpha = Alpha, Epsilon = Epsilon };
        var actual = OptimizerHarness.Run(Precision.Float64, spec, Eta);

        Assert.Equal(0.5 - 0.031622775, actual[0][0], 1e-8);
    }
}
