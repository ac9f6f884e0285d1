using GradientService.Core.Layers;
using GradientService.Core.Optimizers;
using GradientService.Contracts.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Optimizers;

/// <summary>A parameter longer than one <see cref="TensorBlocks"/> block is updated block by block, on any thread count.</summary>
public class BlockedUpdateTests
{
    private const double Eta = 0.01;

    /// <summary>2.5 blocks: two whole blocks and a short last one.</summary>
    private static readonly int Length = TensorBlocks.Elements * 5 / 2;

    public static TheoryData<OptimizerKind> Kinds => [.. Enum.GetValues<OptimizerKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_LargeParameter_EqualsItsBlocksAsParameters(OptimizerKind kind)
    {
        var large = Filled(new Parameter<float>("large", 0, Length));
        var blocks = Enumerable.Range(0, TensorBlocks.Count(Length)).Select(b => Slice(large, b)).ToList();
        var whole = Optimizer<float>.Create(Spec(kind), [large]);
        var parts = Optimizer<float>.Create(Spec(kind), blocks);
        var (norms, partNorms) = (new double[2], new double[2 * blocks.Count]);

        for (var step = 0; step < 3; step++)
        {
            whole.Step(Eta, norms.AsSpan(0, 1), norms.AsSpan(1, 1));
            parts.Step(Eta, partNorms.AsSpan(0, blocks.Count), partNorms.AsSpan(blocks.Count));
        }

        Assert.Equal(3, TensorBlocks.Count(Length));
        Assert.Equal(blocks.SelectMany(p => p.Value), large.Value);
        Assert.Equal(partNorms.Take(blocks.Count).Aggregate(0.0, (s, x) => s + x), norms[0]);
        Assert.Equal(partNorms.Skip(blocks.Count).Aggregate(0.0, (s, x) => s + x), norms[1]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_OneThreadOrTwo_GivesBitwiseSameValuesAndNorms(OptimizerKind kind)
    {
        var (one, two) = (Filled(new Parameter<float>("w", 0, Length)), Filled(new Parameter<float>("w", 0, Length)));
        var (serial, shared) = (Optimizer<float>.Create(Spec(kind), [one]), Optimizer<float>.Create(Spec(kind), [two]));
        using var mm = new MatrixProduct<float>(2);
        var (delta, value, sharedDelta, sharedValue) = (new double[1], new double[1], new double[1], new double[1]);

        for (var step = 0; step < 3; step++)
        {
            serial.Step(Eta, delta, value);
            shared.Step(Eta, sharedDelta, sharedValue, mm);
        }

        Assert.Equal(one.Value, two.Value);
        Assert.Equal(delta, sharedDelta);
        Assert.Equal(value, sharedValue);
    }

    [Fact]
    public void SumOfSquares_OneBlock_IsBitwiseTheWholeSum()
    {
        var x = Enumerable.Range(0, 1000).Select(i => MathF.Sin(i) * 3).ToArray();

        Assert.Equal(Reductions.SumOfSquares<float>(x), TensorBlocks.SumOfSquares<float>(x));
    }

    private static Parameter<float> Filled(Parameter<float> p)
    {
        for (var i = 0; i < p.Length; i++)
        {
            p.Value[i] = MathF.Sin(0.37f * i);
            p.Grad[i] = MathF.Cos(1.3f * i) * 0.5f;
        }
        return p;
    }

    private static Parameter<float> Slice(Parameter<float> large, int block)
    {
        var (start, length) = TensorBlocks.Range(large.Length, block);
        var p = new Parameter<float>($"block{block}", 0, length);
        large.Value.AsSpan(start, length).CopyTo(p.Value);
        large.Grad.AsSpan(start, length).CopyTo(p.Grad);
        return p;
    }

    private static OptimizerSpec Spec(OptimizerKind kind) => new() { Kind = kind, WeightDecay = 0.01, Nesterov = true };
}
