using System.Numerics;
using System.Text.Json;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Export;
using GradientService.Core.Tensors;
using GradientService.Core.Transformer;

namespace GradientService.Core.Tests.Fixtures;

/// <summary>
/// The transformer against PyTorch's nn.TransformerEncoder (the oracle's step-by-step encoder, checked against libtorch's
/// modules): every gradient element, and every norm the oracle reports (per tensor, the residual stream entering each
/// block and leaving the last, the attention and feed-forward outputs, the attention entropy, the loss).
/// </summary>
public partial class OracleGradientTests
{
    public static TheoryData<string> Transformers => [.. Cases().Where(c => c.StartsWith("transformer", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Transformers))]
    public void Transformer_Float64_MatchesPyTorchElementwise(string name) => CheckTransformer<double>(name, 1e-9);

    [Theory]
    [MemberData(nameof(Transformers))]
    public void Transformer_Float32_MatchesPyTorchElementwise(string name) => CheckTransformer<float>(name, 1e-4);

    [Fact]
    public void Transformers_BothFixtures_AreThere() => Assert.Equal(2, Transformers.Count);

    private static void CheckTransformer<T>(string name, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (settings, weights, grads, expected) = Load(name);
        var (spec, shape) = TransformerOf(settings, weights);
        var net = new TransformerNet<T>(spec, (int)shape[2], (int)weights.Entry("head.weight").Shape[0], (int)shape[1], (int)shape[0], new MatrixProduct<T>());
        var input = new Matrix<T>((int)shape[0], (int)(shape[1] * shape[2]));
        weights.ReadInto<T>("input", input.Data);
        var record = Run(net, weights, settings, input);

        AssertClose(net.Parameters.Select(p => (p.Name, p.Grad)), grads, tolerance);
        var norms = expected.GetProperty("grad_norms");
        foreach (var p in net.Parameters)
            AssertNorm(p.Name, Math.Sqrt(Reductions.SumOfSquares<T>(p.Grad)), norms.GetProperty(p.Name).GetDouble(), tolerance);
        AssertNorm("loss", record.Loss, expected.GetProperty("loss_value").GetDouble(), tolerance);
        var blocks = Doubles(expected, "block_grad_norms");
        var attention = Doubles(expected, "attention_grad_norms");
        var mlp = Doubles(expected, "mlp_grad_norms");
        var entropy = Doubles(expected, "attention_entropy");
        Assert.Equal(spec.Depth + 1, blocks.Length);
        for (var i = 0; i < spec.Depth; i++)
        {
            var (sa, ff) = (record.Layers[1 + 2 * i], record.Layers[2 + 2 * i]);
            AssertNorm($"block_grad_norms[{i}]", sa.PreactivationGradNorm, blocks[i], tolerance);
            AssertNorm($"attention_grad_norms[{i}]", sa[LayerMetric.OutputGradNorm], attention[i], tolerance);
            AssertNorm($"mlp_grad_norms[{i}]", ff[LayerMetric.OutputGradNorm], mlp[i], tolerance);
            AssertNorm($"attention_entropy[{i}]", sa[LayerMetric.AttentionEntropy], entropy[i], tolerance);
        }
        AssertNorm($"block_grad_norms[{spec.Depth}]", record.Layers[^1].PreactivationGradNorm, blocks[^1], tolerance);
    }

    /// <summary>The spec the fixture describes, and the input's shape [B, T, in].</summary>
    internal static (TransformerSpec Spec, long[] InputShape) TransformerOf(JsonElement settings, SafeTensorsFile weights)
    {
        var blocks = weights.Entries.Count(e => e.Name.EndsWith(".linear1.weight", StringComparison.Ordinal));
        var spec = new TransformerSpec
        {
            Depth = blocks,
            Width = (int)weights.Entry("input_proj.weight").Shape[0],
            Heads = settings.GetProperty("nhead").GetInt32(),
            FeedForward = (int)weights.Entry("layers.0.linear1.weight").Shape[0],
            Placement = settings.GetProperty("norm_first").GetBoolean() ? NormPlacement.PreLn : NormPlacement.PostLn,
            FinalNorm = weights.Entries.Any(e => e.Name == "norm.weight"),
            Causal = settings.GetProperty("causal").GetBoolean(),
            Readout = settings.GetProperty("readout").GetString() == "mean" ? ReadoutKind.Mean : ReadoutKind.Last,
            MaxPositions = (int)weights.Entry("pos").Shape[0],
            Activation = Activation(settings),
        };
        return (spec, weights.Entry("input").Shape);
    }

    private static void AssertNorm(string what, double actual, double expected, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: {actual:R} vs PyTorch's {expected:R}");

    private static double[] Doubles(JsonElement expected, string name) =>
        [.. expected.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
