using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Recurrent;

/// <summary>The time-lag profile ‖∂L/∂h_t‖ against the theory of Pascanu, Mikolov &amp; Bengio (2013).</summary>
public class TimeLagTheoryTests
{
    private const int Steps = 40;

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.1)]
    public void LinearRnn_ScaledOrthogonal_DecaysOrGrowsAsRhoToTheLag(double rho)
    {
        var record = FirstStep(ActivationKind.Identity, new InitSpec
        {
            Scheme = InitScheme.XavierNormal, RecurrentScheme = InitScheme.Orthogonal, Gain = rho,
        });
        var profile = record.Recurrent[0].TimeLag;

        for (var t = 0; t < Steps; t++)
        {
            var expected = Math.Pow(rho, Steps - 1 - t) * profile[Steps - 1];
            Assert.True(Math.Abs(profile[t] - expected) <= 1e-4 * expected, $"t = {t + 1}: {profile[t]:R} vs ρ^(T−t)·‖∂L/∂h_T‖ = {expected:R}");
        }
    }

    [Fact]
    public void TanhRnn_BoundFactorBelowOne_ProfileNeverExceedsTheBound()
    {
        const double sigmaMax = 0.9;
        var record = FirstStep(ActivationKind.Tanh, new InitSpec
        {
            Scheme = InitScheme.XavierNormal, RecurrentScheme = InitScheme.XavierNormal, MaxSingularValue = sigmaMax,
        });
        var stats = record.Recurrent[0];
        var profile = stats.TimeLag;

        Assert.InRange(stats.SigmaMax, sigmaMax * (1 - 1e-3), sigmaMax * (1 + 1e-9));
        Assert.InRange(stats.BoundFactor, sigmaMax * (1 - 1e-3), sigmaMax * (1 + 1e-9)); // γ = 1 for tanh
        for (var t = 0; t < Steps; t++)
        {
            var bound = Math.Pow(sigmaMax, Steps - 1 - t) * profile[Steps - 1];
            Assert.True(profile[t] <= bound * (1 + 1e-12), $"t = {t + 1}: {profile[t]:R} > bound {bound:R}");
        }
        Assert.True(profile[0] < 0.5 * Math.Pow(sigmaMax, Steps - 1) * profile[Steps - 1] * 2, "the profile decays");
    }

    private static StepRecord FirstStep(ActivationKind activation, InitSpec init)
    {
        var spec = new RunSpec
        {
            Model = new RnnSpec { Depth = 1, Width = 16, Activation = activation },
            Init = init,
            Data = new DataSpec { Kind = DatasetKind.Adding, Samples = 64, SequenceLength = Steps },
            Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 16, Steps = 1, EvalEvery = 0, Precision = Precision.Float64, Seed = 4 },
        };
        StepRecord? copy = null;
        Trainer.Create(spec).Run(r =>
        {
            copy = new StepRecord(r.Layers.Length, r.Recurrent.Length, r.Recurrent[0].InputGateGradNorms.Length, Steps);
            r.Recurrent[0].TimeLag.CopyTo(copy.Recurrent[0].TimeLag, 0);
            copy.Recurrent[0].SigmaMax = r.Recurrent[0].SigmaMax;
            copy.Recurrent[0].BoundFactor = r.Recurrent[0].BoundFactor;
        });
        return copy!; // One step: the callback ran once.
    }
}
