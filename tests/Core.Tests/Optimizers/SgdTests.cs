using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class SgdTests
{
    private const double Eta = 0.1;

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_TwoUpdates_MatchFormula(Precision precision, double decay)
    {
        var actual = OptimizerHarness.Run(precision, new OptimizerSpec { Kind = OptimizerKind.Sgd, WeightDecay = decay }, Eta);

        var w = OptimizerHarness.InitialValues.ToArray();
        for (var t = 0; t < 2; t++)
        {
            for (var j = 0; j < w.Length; j++)
            {
                var g = OptimizerHarness.Gradients[t][j] + decay * w[j];
                w[j] -= Eta * g;
            }
            OptimizerHarness.AssertClose(w, actual[t], OptimizerHarness.Tolerance(precision));
        }
    }

    [Fact]
    public void Step_WithDecay_FirstElementEqualsHandValue()
    {
        // w = 0.5, g = 0.2, λ = 0.1: 0.5 − 0.1·(0.2 + 0.1·0.5) = 0.475.
        var actual = OptimizerHarness.Run(Precision.Float64, new OptimizerSpec { Kind = OptimizerKind.Sgd, WeightDecay = 0.1 }, Eta);

        Assert.Equal(0.475, actual[0][0], 1e-15);
    }
}
