using GradientService.Contracts.Schema;
using System.Numerics;
using System.Text.Json;
using GradientService.Core.Export;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Probes;
using GradientService.Core.Recurrent;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Fixtures;

/// <summary>
/// Our gradients against PyTorch's (libtorch's autograd, float64) on the oracle's weights: every element of every
/// gradient, relative to the tensor's largest entry: ≤ 1e-9 computing in float64, ≤ 1e-4 in float32.
/// </summary>
public partial class OracleGradientTests
{
    public static TheoryData<string> Mlps => [.. Cases().Where(c => c.StartsWith("mlp", StringComparison.Ordinal))];

    public static TheoryData<string> Recurrents => [.. Cases().Where(c => c.Split('-')[0] is "rnn" or "lstm" or "gru")];

    [Theory]
    [MemberData(nameof(Mlps))]
    public void Mlp_Float64_MatchesPyTorchElementwise(string name) => CheckMlp<double>(name, 1e-9);

    [Theory]
    [MemberData(nameof(Mlps))]
    public void Mlp_Float32_MatchesPyTorchElementwise(string name) => CheckMlp<float>(name, 1e-4);

    [Theory]
    [MemberData(nameof(Recurrents))]
    public void Recurrent_Float64_MatchesPyTorchElementwise(string name) => CheckRecurrent<double>(name, 1e-9);

    [Theory]
    [MemberData(nameof(Recurrents))]
    public void Recurrent_Float32_MatchesPyTorchElementwise(string name) => CheckRecurrent<float>(name, 1e-4);

    private static void CheckMlp<T>(string name, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (settings, weights, grads, expected) = Load(name);
        var layers = weights.Entries.Count(e => e.Name.EndsWith(".weight", StringComparison.Ordinal));
        var shapes = Enumerable.Range(0, layers).Select(l => weights.Entry($"layers.{l}.weight").Shape).ToArray();
        var model = new MlpSpec
        {
            Widths = [.. shapes[..^1].Select(s => (int)s[0])],
            Activation = Activation(settings),
        };
        var input = Matrix<T>(weights, "input");
        var net = new FeedForwardNet<T>(model, input.Cols, (int)shapes[^1][0], input.Rows, new MatrixProduct<T>());
        var record = Run(net, weights, settings, input);

        AssertClose(net.Parameters.Select(p => (p.Name, p.Grad)), grads, tolerance);
        for (var l = 0; l < layers; l++)
            AssertClose([($"preact.{l}", net.PreactivationGradient(l, input.Rows).Span.ToArray())], grads, tolerance);
        var norms = expected.GetProperty("preactivation_grad_norms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var l = 0; l < layers; l++)
            Assert.InRange(record.Layers[l].PreactivationGradNorm, norms[l] * (1 - tolerance), norms[l] * (1 + tolerance));
    }

    private static void CheckRecurrent<T>(string name, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (settings, weights, grads, expected) = Load(name);
        var cell = settings.GetProperty("model").GetString() switch { "lstm" => Architecture.Lstm, "gru" => Architecture.Gru, _ => Architecture.Rnn };
        var layers = weights.Entries.Count(e => e.Name.StartsWith("rnn.weight_ih_l", StringComparison.Ordinal));
        var shape = weights.Entry("input").Shape;
        var (batch, steps, inputs) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        var hidden = (int)weights.Entry("rnn.weight_hh_l0").Shape[1];
        var output = settings.TryGetProperty("output", out var o) && o.GetString() == "every" ? OutputMode.Every : OutputMode.Last;
        var model = (RecurrentSpec)SpecSchema.NewModel(cell) with
        {
            Depth = layers, Width = hidden, Output = output,
            Activation = cell == Architecture.Rnn ? Activation(settings) : ActivationKind.Tanh,
        };
        var classes = (int)weights.Entry("head.weight").Shape[0];
        var net = new RecurrentNet<T>(model, inputs, classes, steps, batch, new MatrixProduct<T>());
        var input = new Matrix<T>(batch, steps * inputs);
        weights.ReadInto<T>("input", input.Data);
        var record = Run(net, weights, settings, input);

        AssertClose(net.Parameters.Select(p => (p.Name, p.Grad)), grads, tolerance);
        var timeLag = expected.GetProperty("hidden_grad_norms").EnumerateArray().ToArray();
        for (var k = 0; k < layers; k++)
        {
            var profile = timeLag[k].EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var scale = profile.Max();
            for (var t = 0; t < steps; t++)
                Assert.True(Math.Abs(record.Recurrent[k].TimeLag[t] - profile[t]) <= tolerance * scale,
                    $"‖∂L/∂h_{t + 1}‖ of layer {k}: {record.Recurrent[k].TimeLag[t]:R} vs {profile[t]:R}");
        }
    }

    internal static StepRecord Run<T>(INetwork<T> net, SafeTensorsFile weights, JsonElement settings, Matrix<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var p in net.Parameters) weights.ReadInto<T>(p.Name, p.Value);
        var info = net.Info;
        var record = new StepRecord(info.Layers.Count, info.RecurrentLayers, info.Gates, info.SequenceLength) { HasTimeLag = true };
        var logits = net.Forward(input, true, record);
        var target = weights.Entry("target");
        var isIndex = target.Dtype is SafeTensorsDtype.I64 or SafeTensorsDtype.I32;
        var labels = isIndex ? weights.ReadAs<long>("target").Select(v => (int)v).ToArray() : [];
        var targets = isIndex ? [] : weights.ReadAs<T>("target");
        var loss = Loss<T>.Create(settings.GetProperty("loss").GetString() switch
        {
            "mse" => LossKind.Mse,
            "bce" => LossKind.Bce,
            _ => LossKind.CrossEntropy,
        });
        record.Loss = loss.Compute(logits, labels, targets, net.LogitsGradient(input.Rows));
        net.Backward(input, record);
        return record;
    }

    internal static void AssertClose<T>(IEnumerable<(string Name, T[] Actual)> tensors, SafeTensorsFile grads, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (name, actual) in tensors)
        {
            var expected = grads.ReadAs<double>(name);
            Assert.Equal(expected.Length, actual.Length);
            var scale = expected.Max(Math.Abs);
            var worst = 0.0;
            for (var i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(double.CreateTruncating(actual[i]) - expected[i]));
            Assert.True(worst <= tolerance * scale, $"{name}: max |Δ| = {worst:E3}, largest entry {scale:E3}, relative {worst / scale:E2} > {tolerance:E0}");
        }
    }

    private static ActivationKind Activation(JsonElement settings) => settings.GetProperty("activation").GetString() switch
    {
        "sigmoid" => ActivationKind.Sigmoid,
        "tanh" => ActivationKind.Tanh,
        "relu" => ActivationKind.Relu,
        "leaky_relu" => ActivationKind.LeakyRelu,
        "gelu" => ActivationKind.Gelu,
        "silu" => ActivationKind.Silu,
        "elu" => ActivationKind.Elu,
        "identity" => ActivationKind.Identity,
        var other => throw new InvalidDataException($"activation {other}"),
    };

    private static Matrix<T> Matrix<T>(SafeTensorsFile file, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = file.Entry(name).Shape;
        var m = new Matrix<T>((int)shape[0], (int)shape[1]);
        file.ReadInto<T>(name, m.Data);
        return m;
    }

    internal static (JsonElement Settings, SafeTensorsFile Weights, SafeTensorsFile Grads, JsonElement Expected) Load(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, $"{name}.json"))).RootElement;
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, $"{name}.expected.json"))).RootElement;
        using var w = File.OpenRead(Path.Combine(dir, $"{name}.safetensors"));
        using var g = File.OpenRead(Path.Combine(dir, $"{name}.grads.safetensors"));
        return (settings, SafeTensorsFile.Read(w), SafeTensorsFile.Read(g), expected);
    }

    internal static IEnumerable<string> Cases() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.expected.json")
            .Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order();
}
