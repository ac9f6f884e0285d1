using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Recurrent;
using GradientService.Core.Tensors;
using GradientService.Core.Tests.Tensors;

namespace GradientService.Core.Tests.Recurrent;

/// <summary>
/// tanh's δ with Σ δ² in one pass against the two plain passes (the activation's backward, then Reductions.SumOfSquares
/// on the δ written): bitwise the same δ, saturation count and sum, on lengths through every loop and tail.
/// </summary>
public sealed class TanhDeltaSquaresTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(56)]
    [InlineData(1024)]
    [InlineData(1043)]
    public void The_fused_backward_equals_the_activation_backward_then_sum_of_squares_bitwise(int length)
    {
        var rng = new Random(length);
        var a = Enumerable.Range(0, length).Select(i => i % 7 == 0 ? 0.9999f : (float)Math.Tanh(rng.NextDouble() * 6 - 3)).ToArray();
        var g = WideMagnitudes.Values(length, seed: length + 3);
        if (length > 20) (a[5], g[11]) = (float.NaN, float.PositiveInfinity);
        var activation = new Activation<float>(ActivationKind.Tanh);
        var expected = new float[length];
        var expectedSaturated = activation.Backward(a, a, g, expected);
        var delta = new float[length];

        var (saturated, squares) = TanhDeltaSquares.Backward(a, g, delta, (float)(Activation<float>.SaturationShare * activation.MaxSlope));

        Assert.Equal(expected, delta);
        Assert.Equal(expectedSaturated, saturated);
        Assert.True(saturated > 0);
        Assert.Equal(Reductions.SumOfSquares<float>(expected), squares);
    }
}
