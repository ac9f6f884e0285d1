using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Presets;

/// <summary>The cnn and transformer presets show what their sources say, at CI scale (fewer channels, steps and examples).</summary>
public sealed class BlockNetPresetTests
{
    /// <summary>Every row's ‖∂L/∂W‖ at the first step and the mean training loss over the last <paramref name="tail"/> steps.</summary>
    private static (double[] FirstGrad, double TailLoss) Train(RunSpec spec, int tail)
    {
        var losses = new List<double>();
        double[]? first = null;
        Trainer.Create(spec).Run(r =>
        {
            losses.Add(r.Loss);
            first ??= [.. r.Layers.Select(l => l.WeightGradNorm)];
        });
        return (first!, losses.TakeLast(tail).Average());
    }

    private static RunSpec Cnn(string preset, int steps)
    {
        var s = PresetCatalog.Find(preset)!.Spec;
        return s with
        {
            Model = ((CnnSpec)s.Model) with { Width = 8 },
            Data = s.Data with { Samples = 2000 },
            Training = s.Training with { Steps = steps, BatchSize = 32, EvalEvery = 0 },
        };
    }

    private static RunSpec Transformer(string preset)
    {
        var s = PresetCatalog.Find(preset)!.Spec;
        return s with
        {
            Model = ((TransformerSpec)s.Model) with { Width = 32, FeedForward = 128 },
            Data = s.Data with { Samples = 400, SequenceLength = 16 },
            Training = s.Training with { Steps = 1, BatchSize = 32, EvalEvery = 0 },
        };
    }

    [Fact]
    public void ResNet20_WithBatchNorm_TrainsBetterThanThePlain20()
    {
        var plain = Train(Cnn("cnn-plain-20", 120), 30).TailLoss;
        var residual = Train(Cnn("cnn-resnet-20", 120), 30).TailLoss;

        Assert.True(residual < 0.8 * plain, $"ResNet-20 {residual:F3} against plain-20 {plain:F3}");
    }

    [Fact]
    public void ResNet20_WithoutBatchNorm_CarriesTheGradientToTheStemWhereThePlainNetLosesIt()
    {
        var plain = Train(Cnn("cnn-plain-20-no-bn", 1), 1).FirstGrad;
        var residual = Train(Cnn("cnn-resnet-20-no-bn", 1), 1).FirstGrad;

        Assert.True(residual[0] > 1e3 * plain[0], $"stem ‖∂L/∂W‖: ResNet {residual[0]:E2}, plain {plain[0]:E2}");
        Assert.InRange(residual[0] / residual[^2], 0.1, 10); // the stem's gradient is of the top body layer's order
    }

    [Fact]
    public void PostLn_AtInitialisation_HasTheLargerGradientNearTheOutput_XiongTheorem1()
    {
        // Rows: input_proj, then per block self_attn and ff, then the head: the last ff row is the last block's feed-forward sublayer.
        var post = Train(Transformer("transformer-postln"), 1).FirstGrad;
        var pre = Train(Transformer("transformer-preln"), 1).FirstGrad;

        Assert.True(post[^2] > 1.3 * pre[^2], $"last ff ‖∂L/∂W‖: post-LN {post[^2]:E2}, pre-LN {pre[^2]:E2}");
    }
}
