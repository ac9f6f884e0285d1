using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Recurrent;

/// <summary>
/// The adding problem at T = 50 (predicting 1.0 scores MSE ≈ 0.167). Budget, stated: 1,000 steps of batch 32, Adam
/// η = 0.01, global-norm clipping τ = 1, hidden size 64, orthogonal recurrent init. The LSTM's cell path carries the
/// error across the lag; the tanh RNN's time-lag profile decays and it stays at the baseline.
/// </summary>
public class AddingProblemLearningTests
{
    [Fact]
    public void Lstm_AddingT50_GoesBelowMse001()
    {
        var mse = FinalTestMse(Architecture.Lstm);

        Assert.True(mse < 0.01, $"test MSE {mse:F4}");
    }

    [Fact]
    public void TanhRnn_AddingT50_StaysAboveMse01()
    {
        var mse = FinalTestMse(Architecture.Rnn);

        Assert.True(mse > 0.1, $"test MSE {mse:F4}");
    }

    private static double FinalTestMse(Architecture cell)
    {
        var spec = new RunSpec
        {
            Model = SpecSchema.NewModel(cell) with { Depth = 1, Width = 64, Activation = ActivationKind.Tanh },
            Init = new InitSpec { Scheme = InitScheme.XavierUniform, RecurrentScheme = InitScheme.Orthogonal },
            Data = new DataSpec { Kind = DatasetKind.Adding, Samples = 6000, SequenceLength = 50, TestFraction = 0.1 },
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.01 },
            Clipping = new ClippingSpec { Mode = ClippingMode.GlobalNorm, Threshold = 1 },
            Training = new TrainingSpec { Loss = LossKind.Mse, BatchSize = 32, Steps = 1000, EvalEvery = 500, TimeLagEvery = 0, Seed = 1 },
        };
        var mse = double.NaN;
        var result = Trainer.Create(spec, threads: 1).Run(r => { if (!double.IsNaN(r.TestLoss)) mse = r.TestLoss; });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        return mse;
    }
}
