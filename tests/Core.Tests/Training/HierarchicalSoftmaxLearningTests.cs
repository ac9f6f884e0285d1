using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Probes;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Training;

/// <summary>16 gaussian blobs in 8 dimensions, an mlp (relu, 2 × 32) with Adam η = 0.01, 400 steps of 32.</summary>
public class HierarchicalSoftmaxLearningTests
{
    private static RunSpec Spec(OutputLayer output) => new()
    {
        Model = new MlpSpec { Depth = 2, Width = 32, Activation = ActivationKind.Relu },
        Init = new InitSpec { Scheme = InitScheme.HeNormal },
        Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Classes = 16, Dimensions = 8, Samples = 1600 },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = 0.01 },
        Training = new TrainingSpec { Output = output, BatchSize = 32, Steps = 400, EvalEvery = 400, Seed = 3 },
    };

    [Fact]
    public void Blobs16_HierarchicalSoftmax_LearnsAsWellAsTheSoftmax()
    {
        var tree = Final(Spec(OutputLayer.HierarchicalSoftmax));
        var softmax = Final(Spec(OutputLayer.Softmax));

        Assert.True(tree.TestAccuracy >= 0.9, $"hierarchical softmax: test accuracy {tree.TestAccuracy:P1}");
        Assert.True(tree.TestAccuracy >= softmax.TestAccuracy - 0.05, $"hierarchical {tree.TestAccuracy:P1} vs softmax {softmax.TestAccuracy:P1}");
    }

    [Fact]
    public void Step_HierarchicalSoftmax_RecordsOneGradientNormPerDepthAndNoTrainAccuracy()
    {
        var spec = Spec(OutputLayer.HierarchicalSoftmax) with { Training = Spec(OutputLayer.HierarchicalSoftmax).Training with { Steps = 3 } };
        using var trainer = Trainer.Create(spec);
        var depths = new List<double[]>();
        var accuracyPresent = false;

        trainer.Run(r =>
        {
            depths.Add([.. r.OutputDepthGradNorms]);
            accuracyPresent |= r.Has(StepMetric.TrainAccuracy);
        });

        Assert.Equal("hierarchical-softmax", trainer.Model.Layers[^1].Kind);
        Assert.Equal(15, trainer.Model.Layers[^1].Outputs);
        Assert.All(depths, d => Assert.Equal(4, d.Length));
        Assert.All(depths, d => Assert.All(d, n => Assert.True(n > 0 && double.IsFinite(n), $"norm {n}")));
        Assert.False(accuracyPresent);
    }

    private static StepRecord Final(RunSpec spec)
    {
        using var trainer = Trainer.Create(spec);
        StepRecord? last = null;
        trainer.Run(r => last = r);
        return last!; // Run calls back once per step, 400 times.
    }
}
