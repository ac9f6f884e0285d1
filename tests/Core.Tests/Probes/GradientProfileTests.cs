using GradientService.Core.Probes;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Probes;

/// <summary>The vanishing/exploding picture at initialisation, as theory predicts it.</summary>
public class GradientProfileTests
{
    [Fact]
    public void Identity_OrthogonalInitDepth50_PreservesDeltaNormExactly()
    {
        var record = FirstStep(ActivationKind.Identity, InitScheme.Orthogonal, depth: 50, width: 64, seed: 3, Precision.Float64);

        var ratio = record.Layers[0].PreactivationGradNorm / record.Layers[49].PreactivationGradNorm;

        Assert.InRange(ratio, 1 - 1e-5, 1 + 1e-5);
    }

    [Fact]
    public void Sigmoid_StandardInitDepth20_FirstLayerGradientVanishes()
    {
        var ratio = GeometricMeanRatio(ActivationKind.Sigmoid, InitScheme.Standard, depth: 20);

        Assert.True(ratio < 1e-6, $"‖∂L/∂W_1‖/‖∂L/∂W_20‖ = {ratio:E2}");
    }

    [Fact]
    public void Relu_HeNormalDepth30_GradientStaysWithinFactor10()
    {
        var ratio = GeometricMeanRatio(ActivationKind.Relu, InitScheme.HeNormal, depth: 30);

        Assert.InRange(ratio, 0.1, 10);
    }

    /// <summary>‖∂L/∂W_1‖/‖∂L/∂W_D‖ at initialisation, geometric mean over 10 seeds, width 256.</summary>
    private static double GeometricMeanRatio(ActivationKind activation, InitScheme init, int depth)
    {
        const int seeds = 10;
        var logSum = 0.0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var r = FirstStep(activation, init, depth, width: 256, (ulong)seed, Precision.Float32);
            logSum += Math.Log(r.Layers[0].WeightGradNorm / r.Layers[depth - 1].WeightGradNorm);
        }
        return Math.Exp(logSum / seeds);
    }

    private static StepRecord FirstStep(ActivationKind activation, InitScheme init, int depth, int width, ulong seed, Precision precision)
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = depth, Width = width, Activation = activation },
            Init = new InitSpec { Scheme = init },
            Data = new DataSpec { Kind = DatasetKind.GaussianBlobs, Dimensions = width, Classes = 10, Samples = 640, Noise = 1 },
            Training = new TrainingSpec { BatchSize = 64, Steps = 1, EvalEvery = 0, Seed = seed, Precision = precision },
        };
        return FirstStep(spec);
    }

    /// <summary>The record of a one-step run of <paramref name="spec"/>: every probe at initialisation.</summary>
    internal static StepRecord FirstStep(RunSpec spec)
    {
        StepRecord? first = null;
        Trainer.Create(spec).Run(r => first ??= Copy(r));
        return first!; // Run calls back once for its single step.
    }

    private static StepRecord Copy(StepRecord r)
    {
        var copy = new StepRecord(r.Layers.Length, 0, 0, 1);
        r.Layers.CopyTo(copy.Layers, 0);
        return copy;
    }
}
