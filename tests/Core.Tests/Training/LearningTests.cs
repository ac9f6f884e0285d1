using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>
/// Moons (noise 0.1), 2,000 steps of batch 64. Learning rates, chosen and documented here: Adam η = 0.003 for the
/// shallow relu net; SGD with momentum 0.9, η = 0.01 for the deep relu and residual nets; plain SGD η = 0.5 for the deep
/// sigmoid net (a large rate on purpose: even that cannot move its vanished first layers).
/// </summary>
public class LearningTests
{
    private const int Steps = 2000;

    [Fact]
    public void Moons_ReluHeDepth4_ReachesNinetySevenPercent()
    {
        var accuracy = FinalAccuracy(Architecture.Mlp, ActivationKind.Relu, InitScheme.HeNormal, depth: 4,
            new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.003 });

        Assert.True(accuracy >= 0.97, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void Moons_SigmoidStandardDepth20WithSgd_StaysAtChance()
    {
        var accuracy = FinalAccuracy(Architecture.Mlp, ActivationKind.Sigmoid, InitScheme.Standard, depth: 20,
            new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.5 });

        Assert.True(accuracy <= 0.60, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void Moons_ReluHeDepth20_ReachesNinetyPercent()
    {
        var accuracy = FinalAccuracy(Architecture.Mlp, ActivationKind.Relu, InitScheme.HeNormal, depth: 20,
            new OptimizerSpec { Kind = OptimizerKind.Momentum, LearningRate = 0.01 });

        Assert.True(accuracy >= 0.90, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void Moons_ResidualDepth20_ReachesNinetyPercent()
    {
        var accuracy = FinalAccuracy(Architecture.ResidualMlp, ActivationKind.Relu, InitScheme.Standard, depth: 20,
            new OptimizerSpec { Kind = OptimizerKind.Momentum, LearningRate = 0.01 });

        Assert.True(accuracy >= 0.90, $"test accuracy {accuracy:P1}");
    }

    private static double FinalAccuracy(Architecture architecture, ActivationKind activation, InitScheme init, int depth, OptimizerSpec optimizer)
    {
        var spec = new RunSpec
        {
            Model = SpecSchema.NewModel(architecture) with { Depth = depth, Width = 64, Activation = activation },
            Init = new InitSpec { Scheme = init },
            Data = new DataSpec { Kind = DatasetKind.Moons, Samples = 2000, Noise = 0.1 },
            Optimizer = optimizer,
            Training = new TrainingSpec { BatchSize = 64, Steps = Steps, EvalEvery = 500, Seed = 1 },
        };
        var accuracy = double.NaN;
        var result = Trainer.Create(spec, threads: 1).Run(r => { if (!double.IsNaN(r.TestAccuracy)) accuracy = r.TestAccuracy; });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        return accuracy;
    }
}
