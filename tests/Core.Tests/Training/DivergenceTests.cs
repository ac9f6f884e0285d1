using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

public class DivergenceTests
{
    [Fact]
    public void Run_HugeLearningRate_EndsAsDivergedWithStepAndLayer()
    {
        var spec = TestSpecs.Mlp(200) with
        {
            Model = new MlpSpec { Depth = 6, Width = 32, Activation = ActivationKind.Relu },
            Init = new InitSpec { Scheme = InitScheme.HeNormal },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 1e3 },
            Clipping = new ClippingSpec(),
            Training = TestSpecs.Mlp().Training with { Steps = 200, Loss = LossKind.Mse },
        };
        var log = new StepLog();

        var result = Trainer.Create(spec).Run(log.Add);

        Assert.Equal(RunOutcome.Diverged, result.Outcome);
        Assert.NotNull(result.Divergence);
        Assert.Equal(result.StepsDone, result.Divergence.Step);
        Assert.InRange(result.Divergence.Layer, 1, 7);
        Assert.Equal(result.StepsDone, log.Steps.Count);
        Assert.False(double.IsFinite(log.Steps[^1][1]) && double.IsFinite(log.Steps[^1][6]), "the last record shows the non-finite loss or norm");
    }

    [Fact]
    public void Run_Cancelled_StopsBetweenSteps()
    {
        using var stop = new CancellationTokenSource();
        var trainer = Trainer.Create(TestSpecs.Mlp(50));

        var result = trainer.Run(r => { if (r.Step == 5) stop.Cancel(); }, stop.Token);

        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        Assert.Equal(5, trainer.StepsDone);
    }
}
