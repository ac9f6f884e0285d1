using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Losses;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Tests.Layers;
using GradientService.Core.Training;
using GradientService.Core.Transformer;

namespace GradientService.Core.Tests.Transformer;

public class TransformerGradientTests
{
    private const double Tolerance = 1e-6;
    private const int Inputs = 3, Classes = 3, Batch = 3, Steps = 4;

    /// <summary>Every layer kind: attention with and without the causal mask, pre- and post-LN, the final norm, the last and
    /// mean read-outs, the learned positions (with rows beyond T, whose gradient is 0).</summary>
    [Theory]
    [InlineData(NormPlacement.PostLn, false, ReadoutKind.Mean, false, ActivationKind.Gelu)]
    [InlineData(NormPlacement.PostLn, true, ReadoutKind.Last, true, ActivationKind.Tanh)]
    [InlineData(NormPlacement.PreLn, true, ReadoutKind.Last, true, ActivationKind.Relu)]
    [InlineData(NormPlacement.PreLn, false, ReadoutKind.Mean, false, ActivationKind.Silu)]
    public void Gradients_EveryLayerKind_MatchFiniteDifferences(NormPlacement placement, bool causal, ReadoutKind readout, bool finalNorm, ActivationKind activation)
    {
        var spec = Spec(placement, causal, readout, finalNorm, activation);
        var rng = new Rng(11);
        var net = new TransformerNet<double>(spec, Inputs, Classes, Steps, Batch, new MatrixProduct<double>());
        GradientCheck.Randomize(net, rng, 0.6);
        var input = GradientCheck.RandomMatrix(Batch, Steps * Inputs, rng);
        int[] labels = [0, 2, 1];

        var (tensor, error) = GradientCheck.WorstRelativeError(net, Loss<double>.Create(LossKind.CrossEntropy), input, labels, []);

        Assert.True(error < Tolerance, $"{tensor}: relative error {error:E2} ≥ {Tolerance:E0}");
    }

    /// <summary>With zero query and key weights every score is equal: uniform attention has entropy ln T, and causal
    /// attention the mean over query rows of ln(t + 1).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AttentionEntropy_UniformAttention_IsLnOfTheVisiblePositions(bool causal)
    {
        var spec = Spec(NormPlacement.PreLn, causal, ReadoutKind.Last, true, ActivationKind.Relu);
        var net = new TransformerNet<double>(spec, Inputs, Classes, Steps, Batch, new MatrixProduct<double>());
        GradientCheck.Randomize(net, new Rng(3), 0.6);
        foreach (var p in net.Parameters.Where(p => p.Name.Contains("in_proj", StringComparison.Ordinal)))
            p.Value.AsSpan(0, 2 * spec.Width * (p.Shape.Length == 2 ? spec.Width : 1)).Clear();
        var record = new StepRecord(net.Info.Layers.Count, 0, 0, Steps);

        net.Forward(GradientCheck.RandomMatrix(Batch, Steps * Inputs, new Rng(4)), true, record);

        var expected = causal ? Enumerable.Range(1, Steps).Average(t => Math.Log(t)) : Math.Log(Steps);
        for (var i = 0; i < spec.Depth; i++)
            Assert.Equal(expected, record.Layers[1 + 2 * i][LayerMetric.AttentionEntropy], 12);
    }

    /// <summary>The rows name PyTorch's prefixes; a sublayer's stream gradient is its branch plus its skip part.</summary>
    [Fact]
    public void Probes_Sublayers_SplitTheStreamGradientIntoBranchAndSkip()
    {
        var spec = Spec(NormPlacement.PostLn, false, ReadoutKind.Mean, false, ActivationKind.Gelu);
        var net = new TransformerNet<double>(spec, Inputs, Classes, Steps, Batch, new MatrixProduct<double>());
        net.Initialize(new InitSpec { Scheme = InitScheme.XavierUniform }, new Rng(5));
        var record = new StepRecord(net.Info.Layers.Count, 0, 0, Steps);
        var input = GradientCheck.RandomMatrix(Batch, Steps * Inputs, new Rng(6));
        var logits = net.Forward(input, true, record);
        Loss<double>.Create(LossKind.CrossEntropy).Compute(logits, [0, 1, 2], [], net.LogitsGradient(Batch));
        net.Backward(input, record);

        Assert.Equal(["input_proj", "layers.0.self_attn", "layers.0.ff", "layers.1.self_attn", "layers.1.ff", "head"], net.Info.Layers.Select(l => l.Name));
        for (var row = 1; row <= 4; row++)
        {
            var stats = record.Layers[row];
            var (delta, branch, skip) = (stats.PreactivationGradNorm, stats[LayerMetric.BranchGradNorm], stats[LayerMetric.SkipGradNorm]);
            Assert.InRange(delta, Math.Abs(branch - skip) - 1e-12, branch + skip + 1e-12);
            Assert.True(branch > 0 && skip > 0, $"row {row}: branch {branch}, skip {skip}");
        }
        Assert.True(record.Layers[0].PreactivationGradNorm == record.Layers[1].PreactivationGradNorm);
    }

    private static TransformerSpec Spec(NormPlacement placement, bool causal, ReadoutKind readout, bool finalNorm, ActivationKind activation) => new()
    {
        Depth = 2, Width = 4, Heads = 2, FeedForward = 6, Placement = placement, Causal = causal, Readout = readout,
        FinalNorm = finalNorm, Activation = activation, MaxPositions = Steps + 2,
    };
}
