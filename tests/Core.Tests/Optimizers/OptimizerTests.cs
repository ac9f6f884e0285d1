using GradientService.Core.Export;
using GradientService.Core.Layers;
using GradientService.Core.Optimizers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Optimizers;

public class OptimizerTests
{
    /// <summary>The step count's name beside the state tensors in this test's checkpoint (an I64 scalar).</summary>
    private const string StepCountName = "optim.step";

    private const double Eta = 0.01;

    public static TheoryData<OptimizerKind> Kinds => [.. Enum.GetValues<OptimizerKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_Norms_EqualSquaredUpdateAndPriorValue(OptimizerKind kind)
    {
        var parameters = OptimizerHarness.CreateParameters<float>(OptimizerHarness.InitialValues);
        var optimizer = Optimizer<float>.Create(Spec(kind), parameters);
        var deltas = new double[2];
        var values = new double[2];
        OptimizerHarness.SetGradients(parameters, OptimizerHarness.Gradients[0]);
        optimizer.Step(Eta, deltas, values);
        OptimizerHarness.SetGradients(parameters, OptimizerHarness.Gradients[1]);
        var before = parameters.Select(p => p.Value.ToArray()).ToArray();

        optimizer.Step(Eta, deltas, values);

        Assert.True(deltas.Sum() > 0);
        for (var i = 0; i < parameters.Count; i++)
        {
            var after = parameters[i].Value;
            var expectedDelta = before[i].Zip(after, (b, a) => ((double)a - b) * ((double)a - b)).Sum();
            var expectedValue = before[i].Sum(b => (double)b * b);
            Assert.Equal(expectedDelta, deltas[i], expectedDelta * 1e-12);
            Assert.Equal(expectedValue, values[i], expectedValue * 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_VectorLanesAndTail_GiveBitwiseEqualElements(OptimizerKind kind)
    {
        // 19 elements: whole vectors of 8 floats, then a tail of 3; a 1-element parameter is all tail.
        var wide = new Parameter<float>("wide", 0, 19);
        var single = new Parameter<float>("single", 1, 1);
        var optimizer = Optimizer<float>.Create(Spec(kind), [wide, single]);
        var norms = new double[4];
        foreach (var (w, g) in new[] { (0.37f, -0.21f), (0.37f, 0.5f), (0.37f, 0.5f) })
        {
            foreach (var p in new[] { wide, single })
            {
                if (optimizer.StepCount == 0) Array.Fill(p.Value, w);
                Array.Fill(p.Grad, g);
            }
            optimizer.Step(Eta, norms.AsSpan(0, 2), norms.AsSpan(2, 2));
        }

        Assert.NotEqual(0.37f, single.Value[0]);
        Assert.All(wide.Value, v => Assert.Equal(BitConverter.SingleToInt32Bits(single.Value[0]), BitConverter.SingleToInt32Bits(v)));
        Assert.Equal(19 * norms[1], norms[0], norms[0] * 1e-12);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_AfterSafeTensorsCheckpoint_ContinuesBitwiseIdentically(OptimizerKind kind)
    {
        var original = OptimizerHarness.CreateParameters<float>(OptimizerHarness.InitialValues);
        var optimizer = Optimizer<float>.Create(Spec(kind), original);
        var norms = new double[4];
        for (var t = 0; t < 3; t++) Step(optimizer, original, t, norms);

        using var checkpoint = new MemoryStream();
        SafeTensorsWriter.Write(checkpoint,
        [
            .. original.Select(p => SafeTensor.Of<float>(p.Name, p.Value, p.Shape)),
            .. optimizer.StateTensors.Select(s => SafeTensor.Of<float>(s.Name, s.Data, s.Data.Length)),
            SafeTensor.Of<long>(StepCountName, new[] { (long)optimizer.StepCount }),
        ]);
        checkpoint.Position = 0;
        var file = SafeTensorsFile.Read(checkpoint);
        var restored = OptimizerHarness.CreateParameters<float>(new double[OptimizerHarness.InitialValues.Length]);
        foreach (var p in restored) file.ReadInto<float>(p.Name, p.Value);
        var resumed = Optimizer<float>.Create(Spec(kind), restored);
        foreach (var (name, data) in resumed.StateTensors) file.ReadInto<float>(name, data);
        resumed.StepCount = (int)file.ReadAs<long>(StepCountName)[0];

        for (var t = 3; t < 6; t++)
        {
            Step(optimizer, original, t, norms);
            Step(resumed, restored, t, norms);
        }

        for (var i = 0; i < original.Count; i++) Assert.Equal(original[i].Value, restored[i].Value);
        for (var s = 0; s < optimizer.StateTensors.Count; s++) Assert.Equal(optimizer.StateTensors[s].Data, resumed.StateTensors[s].Data);
    }

    [Theory]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Rprop)]
    public void Step_WithoutRestoringState_Diverges(OptimizerKind kind)
    {
        // The control for the checkpoint test: a fresh optimizer on the same weights does not continue identically.
        var original = OptimizerHarness.CreateParameters<float>(OptimizerHarness.InitialValues);
        var optimizer = Optimizer<float>.Create(Spec(kind), original);
        var norms = new double[4];
        for (var t = 0; t < 3; t++) Step(optimizer, original, t, norms);
        var fresh = OptimizerHarness.CreateParameters<float>(OptimizerHarness.Flatten(original));
        var restarted = Optimizer<float>.Create(Spec(kind), fresh);

        Step(optimizer, original, 3, norms);
        Step(restarted, fresh, 3, norms);

        Assert.NotEqual(original[0].Value, fresh[0].Value);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_AfterWarmUp_AllocatesNothing(OptimizerKind kind)
    {
        var parameters = OptimizerHarness.CreateParameters<float>(OptimizerHarness.InitialValues);
        var optimizer = Optimizer<float>.Create(Spec(kind), parameters);
        var norms = new double[4];
        for (var t = 0; t < 3; t++) Step(optimizer, parameters, t, norms);

        Assert.Equal(0, Allocations.Fewest(GC.GetAllocatedBytesForCurrentThread, () =>
        {
            for (var t = 0; t < 100; t++) optimizer.Step(Eta, norms.AsSpan(0, 2), norms.AsSpan(2, 2));
        }));
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, new string[0])]
    [InlineData(OptimizerKind.Momentum, new[] { "momentum_buffer" })]
    [InlineData(OptimizerKind.RmsProp, new[] { "square_avg" })]
    [InlineData(OptimizerKind.Adam, new[] { "exp_avg", "exp_avg_sq" })]
    [InlineData(OptimizerKind.AdamW, new[] { "exp_avg", "exp_avg_sq" })]
    [InlineData(OptimizerKind.Rprop, new[] { "prev", "step_size" })]
    public void StateTensors_EachKind_UsePyTorchStateKeysPerParameter(OptimizerKind kind, string[] keys)
    {
        var parameters = OptimizerHarness.CreateParameters<double>(OptimizerHarness.InitialValues);

        var optimizer = Optimizer<double>.Create(Spec(kind), parameters);

        string[] expected = [.. keys.SelectMany(k => parameters.Select(p => $"optim.{p.Name}.{k}"))];
        Assert.Equal(expected.Order(), optimizer.StateTensors.Select(s => s.Name).Order());
        Assert.All(optimizer.StateTensors, s => Assert.Equal(parameters.Single(p => s.Name.StartsWith($"optim.{p.Name}.", StringComparison.Ordinal)).Length, s.Data.Length));
    }

    [Fact]
    public void Step_ShortNormSpans_Throws()
    {
        var parameters = OptimizerHarness.CreateParameters<double>(OptimizerHarness.InitialValues);
        var optimizer = Optimizer<double>.Create(Spec(OptimizerKind.Sgd), parameters);

        Assert.Throws<ArgumentException>(() => optimizer.Step(Eta, new double[1], new double[2]));
        Assert.Equal(0, optimizer.StepCount);
    }

    private static void Step(Optimizer<float> optimizer, List<Parameter<float>> parameters, int t, double[] norms)
    {
        OptimizerHarness.SetGradients(parameters, OptimizerHarness.Gradients[t % 2].Select(g => g * (1 + t)).ToArray());
        optimizer.Step(Eta, norms.AsSpan(0, 2), norms.AsSpan(2, 2));
    }

    private static OptimizerSpec Spec(OptimizerKind kind) => new() { Kind = kind, WeightDecay = 0.01, Nesterov = true };
}
