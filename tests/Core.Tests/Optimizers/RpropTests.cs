using GradientService.Core.Layers;
using GradientService.Core.Optimizers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class RpropTests
{
    private const double Eta = 0.01, EtaMinus = 0.5, EtaPlus = 1.2, StepMin = 1e-6, StepMax = 50;

    [Theory]
    [MemberData(nameof(OptimizerHarness.PrecisionsAndDecays), MemberType = typeof(OptimizerHarness))]
    public void Step_TwoUpdates_MatchFormula(Precision precision, double decay)
    {
        var actual = OptimizerHarness.Run(precision, Spec(decay), Eta);

        var w = OptimizerHarness.InitialValues.ToArray();
        var previous = new double[w.Length];
        var step = Enumerable.Repeat(Eta, w.Length).ToArray();
        for (var t = 0; t < 2; t++)
        {
            for (var j = 0; j < w.Length; j++)
            {
                var g = OptimizerHarness.Gradients[t][j] + decay * w[j];
                var s = Math.Sign(g * previous[j]);
                step[j] = Math.Clamp(step[j] * (s > 0 ? EtaPlus : s < 0 ? EtaMinus : 1), StepMin, StepMax);
                if (s < 0) g = 0;
                w[j] -= Math.Sign(g) * step[j];
                previous[j] = g;
            }
            OptimizerHarness.AssertClose(w, actual[t], OptimizerHarness.Tolerance(precision));
        }
    }

    [Fact]
    public void Step_SignChange_HalvesStepAndSkipsUpdate()
    {
        var w = new Parameter<double>("w", 0, 1);
        var optimizer = Optimizer<double>.Create(Spec(0), [w]);
        var norms = new double[2];

        w.Grad[0] = 1;
        optimizer.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
        Assert.Equal(-Eta, w.Value[0], 1e-18);

        w.Grad[0] = -3;
        optimizer.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
        Assert.Equal(-Eta, w.Value[0], 1e-18);
        Assert.Equal(0, norms[0]);
        Assert.Equal(Eta * EtaMinus, StepSize(optimizer), 1e-18);

        // The zeroed g_prev makes the next step neutral (factor 1): it moves by the halved step.
        w.Grad[0] = -3;
        optimizer.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
        Assert.Equal(-Eta + Eta * EtaMinus, w.Value[0], 1e-18);
    }

    [Fact]
    public void Step_SameSign_GrowsStepByEtaPlusUpToMax()
    {
        var w = new Parameter<double>("w", 0, 1);
        var optimizer = Optimizer<double>.Create(Spec(0) with { StepSizeMax = 0.013 }, [w]);
        var norms = new double[2];

        w.Grad[0] = 2;
        optimizer.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
        optimizer.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
        Assert.Equal(Eta * EtaPlus, StepSize(optimizer), 1e-18);

        optimizer.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
        Assert.Equal(0.013, StepSize(optimizer), 1e-18);
        Assert.Equal(-(Eta + Eta * EtaPlus + 0.013), w.Value[0], 1e-15);
    }

    private static double StepSize(Optimizer<double> optimizer) =>
        optimizer.StateTensors.Single(s => s.Name == "optim.w.step_size").Data[0];

    private static OptimizerSpec Spec(double decay) => new()
    {
        Kind = OptimizerKind.Rprop, EtaMinus = EtaMinus, EtaPlus = EtaPlus, StepSizeMin = StepMin, StepSizeMax = StepMax, WeightDecay = decay,
    };
}
