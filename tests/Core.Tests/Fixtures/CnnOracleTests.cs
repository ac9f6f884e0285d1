using System.Numerics;
using System.Text.Json;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Core.Convolution;
using GradientService.Core.Data;
using GradientService.Core.Export;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Fixtures;

/// <summary>
/// The cnn against PyTorch (the oracle's cnn-plain-relu and cnn-resnet-bn, float64 answers): every element of every
/// parameter gradient and of ∂L/∂(each entry's output), and every reported norm (grad_norms, activation_grad_norms, the
/// loss), ≤ 1e-9 relative in float64 and ≤ 1e-4 computing in float32.
/// </summary>
public class CnnOracleTests
{
    public static TheoryData<string> Cases => [.. OracleGradientTests.Cases().Where(c => c.StartsWith("cnn", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cnn_Float64_MatchesPyTorchElementwise(string name) => Check<double>(name, 1e-9);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cnn_Float32_MatchesPyTorchElementwise(string name) => Check<float>(name, 1e-4);

    [Fact]
    public void Cases_BothFixturesPresent() => Assert.Equal(["cnn-plain-relu", "cnn-resnet-bn"], OracleGradientTests.Cases().Where(c => c.StartsWith("cnn", StringComparison.Ordinal)));

    /// <summary>
    /// The telemetry rows of cnn-resnet-bn (conv + bn + relu folded, two residual blocks, the read-out) and their norms
    /// against PyTorch's activation_grad_norms: ‖∂L/∂output‖ of each row's last entry; ‖δ‖ of the conv row (its entry's
    /// output before bn), of each block (∂L/∂ its input, the entry before it) and of the read-out (the logits).
    /// </summary>
    [Fact]
    public void Probes_ResnetRows_MatchPyTorchNorms()
    {
        var (settings, weights, _, expected) = OracleGradientTests.Load("cnn-resnet-bn");
        var (net, input, _) = Build(settings, weights, new MatrixProduct<double>());
        var record = OracleGradientTests.Run(net, weights, settings, input);
        var norms = expected.GetProperty("activation_grad_norms").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        Assert.Equal(["layers.0 conv", "layers.3 residual", "layers.4 residual", "layers.6 readout"], net.Info.Layers.Select(l => $"{l.Name} {l.Kind}"));
        int[] outputs = [2, 3, 4, 6], deltas = [0, 2, 3, 6];
        for (var l = 0; l < 4; l++)
        {
            AssertRelative($"row {l} output", record.Layers[l][LayerMetric.OutputGradNorm], norms[outputs[l]], 1e-12);
            AssertRelative($"row {l} δ", record.Layers[l].PreactivationGradNorm, norms[deltas[l]], 1e-12);
            Assert.Equal(l is 1 or 2, record.Layers[l].Has(LayerMetric.BranchGradNorm));
            Assert.Equal(l is 1 or 2, record.Layers[l].Has(LayerMetric.SkipGradNorm));
        }
        for (var l = 1; l <= 2; l++)
        {
            var (branch, skip) = (record.Layers[l][LayerMetric.BranchGradNorm], record.Layers[l][LayerMetric.SkipGradNorm]);
            Assert.InRange(record.Layers[l].PreactivationGradNorm, Math.Abs(branch - skip), branch + skip);
            Assert.True(branch > 0 && skip > 0);
        }
    }

    /// <summary>The net the oracle describes, its input and its resolved layer list.</summary>
    internal static (CnnNet<T> Net, Matrix<T> Input, CnnEntry[] Entries) Build<T>(JsonElement settings, SafeTensorsFile weights, MatrixProduct<T> mm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = settings.GetProperty("layers").Deserialize<CnnLayerSpec[]>()!;
        var shape = weights.Entry("input").Shape.Select(s => (int)s).ToArray();
        var classes = layers[^1].OutFeatures!.Value;
        var errors = new SpecErrorList();
        var entries = CnnLayerList.Resolve(layers, new ImageShape(shape[1], shape[2], shape[3]), classes, errors);
        Assert.Empty(errors.Errors);
        var input = new Matrix<T>(shape[0], shape[1] * shape[2] * shape[3]);
        weights.ReadInto<T>("input", input.Data);
        return (new CnnNet<T>(entries!, 0.1, shape[0], mm), input, entries!);
    }

    private static void Check<T>(string name, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (settings, weights, grads, expected) = OracleGradientTests.Load(name);
        var (net, input, entries) = Build(settings, weights, new MatrixProduct<T>());
        var record = OracleGradientTests.Run(net, weights, settings, input);

        OracleGradientTests.AssertClose(net.Parameters.Select(p => (p.Name, p.Grad)), grads, tolerance);
        OracleGradientTests.AssertClose(entries.Select((_, i) => ($"activation_grad.{i}", net.G(i, input.Rows).Span.ToArray())), grads, tolerance);
        AssertRelative("loss", record.Loss, expected.GetProperty("loss_value").GetDouble(), tolerance);
        foreach (var p in net.Parameters)
            AssertRelative(p.Name, Math.Sqrt(Reductions.SumOfSquares<T>(p.Grad)), expected.GetProperty("grad_norms").GetProperty(p.Name).GetDouble(), tolerance);
        var norms = expected.GetProperty("activation_grad_norms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(entries.Length, norms.Length);
        for (var i = 0; i < norms.Length; i++)
            AssertRelative($"activation_grad_norms[{i}]", Math.Sqrt(Reductions.SumOfSquares<T>(net.G(i, input.Rows).Span)), norms[i], tolerance);
        Assert.Equal(expected.GetProperty("grad_norms").EnumerateObject().Count(), net.Parameters.Count);
        var shapes = expected.GetProperty("layer_shapes").EnumerateArray().Select(s => s.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(shapes, entries.Select(e => e.Out.Shape));
    }

    private static void AssertRelative(string what, double actual, double expected, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: {actual:R} vs PyTorch {expected:R}");
}
