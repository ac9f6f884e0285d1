using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>training.l2 as the texts write it: C = C₀ + (λ/2n)Σw² over the weights, n = the training examples.</summary>
public class L2PenaltyTests
{
    private const double Lambda = 5, LearningRate = 0.1;
    private const int Subset = 50;

    [Fact]
    public void Apply_Gradient_MatchesFiniteDifferencesOfThePenalty()
    {
        var rng = new Rng(3);
        Parameter<double>[] parameters =
        [
            new("layers.0.weight", 0, 3, 2) { Role = ParameterRole.Weight },
            new("layers.0.bias", 0, 3) { Role = ParameterRole.Bias },
        ];
        foreach (var p in parameters)
            for (var i = 0; i < p.Length; i++) p.Value[i] = rng.NextGaussian();
        var penalty = new L2Penalty<double>(Lambda, Subset, parameters);
        double Penalty() => Lambda / (2.0 * Subset) * parameters[0].Value.Sum(w => w * w);

        var value = penalty.Apply(null);

        Assert.Equal(Penalty(), value, 1e-12);
        foreach (var p in parameters)
            for (var i = 0; i < p.Length; i++)
            {
                var saved = p.Value[i];
                p.Value[i] = saved + 1e-6;
                var plus = Penalty();
                p.Value[i] = saved - 1e-6;
                var minus = Penalty();
                p.Value[i] = saved;
                Assert.Equal((plus - minus) / 2e-6, p.Grad[i], 1e-8);
            }
    }

    [Fact]
    public void Step_WithL2_ShrinksWeightsByEtaLambdaOverN_AndLeavesBiasesAlone()
    {
        var (plainBefore, plainAfter, plainLoss) = OneStep(0);
        var (before, after, loss) = OneStep(Lambda);

        var weights = 0.0;
        for (var p = 0; p < before.Count; p++)
        {
            var isWeight = p % 2 == 0;
            if (isWeight) weights += before[p].Sum(w => w * w);
            for (var i = 0; i < before[p].Length; i++)
            {
                // W ← (1 − ηλ/n)W − η∂C₀/∂W (Nielsen, ch. 3, eq. 93); b ← b − η∂C₀/∂b.
                var expected = plainAfter[p][i] - (isWeight ? LearningRate * Lambda / Subset * before[p][i] : 0);
                Assert.Equal(expected, after[p][i], 1e-12);
            }
        }
        Assert.Equal(plainBefore[0], before[0]);
        Assert.Equal(plainLoss + Lambda / (2.0 * Subset) * weights, loss, 1e-10);
    }

    private static (List<double[]> Before, List<double[]> After, double Loss) OneStep(double lambda)
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = 2, Width = 6, Activation = ActivationKind.Sigmoid },
            Init = new InitSpec { Scheme = InitScheme.LecunNormal, BiasVariance = 1 },
            Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Samples = 100, TrainSubset = Subset, Classes = 3 },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = LearningRate },
            Training = new TrainingSpec { Loss = LossKind.BceSum, L2 = lambda, BatchSize = Subset, Steps = 1, EvalEvery = 0, Seed = 7, Precision = Precision.Float64 },
        };
        using var trainer = (Trainer<double>)Trainer.Create(spec);
        var before = trainer.Network.Parameters.Select(p => p.Value.ToArray()).ToList();
        var loss = double.NaN;
        trainer.Run(r => loss = r.Loss);
        return (before, [.. trainer.Network.Parameters.Select(p => p.Value.ToArray())], loss);
    }
}
