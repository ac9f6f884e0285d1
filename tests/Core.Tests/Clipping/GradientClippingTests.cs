using GradientService.Core.Clipping;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Clipping;

public class GradientClippingTests
{
    private const double Tolerance = 1e-12;

    // Group 0: W [2, 2] and b [2] with ‖g‖ = 5; group 1: W [1, 2] and b [1] with ‖g‖ = 0.5. Global ‖g‖ = √25.25.
    private static readonly double[][] Gradients = [[3, 0, 0, -2], [0, 2 * Math.Sqrt(3)], [0.3, 0], [-0.4]];

    [Fact]
    public void Apply_None_LeavesGradientsAndReportsTheNorm()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.None, 0.1, parameters, squares);

        Assert.Equal(Math.Sqrt(25.25), result.NormBefore, Tolerance);
        Assert.Equal(result.NormBefore, result.NormAfter);
        Assert.False(result.Clipped);
        AssertGradients(Gradients, parameters);
    }

    [Fact]
    public void Apply_GlobalNormAboveThreshold_ScalesEveryGradientToAtMostTau()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.GlobalNorm, 1, parameters, squares);

        var scale = 1 / (Math.Sqrt(25.25) + GradientClipping<double>.NormEpsilon);
        Assert.Equal(scale, result.Scale, Tolerance);
        Assert.True(result.Clipped);
        Assert.Equal(2, result.ClippedGroups);
        Assert.True(result.NormAfter <= 1, $"norm after {result.NormAfter:R} exceeds τ = 1");
        Assert.Equal(Math.Sqrt(25.25) * scale, result.NormAfter, Tolerance);
        Assert.Equal(result.NormAfter, Math.Sqrt(SumOfSquares(parameters)), Tolerance);
        AssertGradients(Gradients.Select(g => g.Select(x => x * scale).ToArray()).ToArray(), parameters);
    }

    [Fact]
    public void Apply_GlobalNormBelowThreshold_LeavesGradients()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.GlobalNorm, 5.1, parameters, squares);

        Assert.Equal(1, result.Scale);
        Assert.False(result.Clipped);
        AssertGradients(Gradients, parameters);
    }

    [Fact]
    public void Apply_ValueAboveThreshold_ClampsElementsAndRecomputesNorm()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.Value, 1, parameters, squares);

        double[][] expected = [[1, 0, 0, -1], [0, 1], [0.3, 0], [-0.4]];
        AssertGradients(expected, parameters);
        var after = Math.Sqrt(3 + 0.09 + 0.16);
        Assert.Equal(after, result.NormAfter, Tolerance);
        Assert.Equal(after / Math.Sqrt(25.25), result.Scale, Tolerance);
        Assert.Equal(1, result.ClippedGroups);
        Assert.True(result.Clipped);
    }

    [Fact]
    public void Apply_ValueBelowThreshold_LeavesGradients()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.Value, 4, parameters, squares);

        Assert.False(result.Clipped);
        Assert.Equal(result.NormBefore, result.NormAfter);
        AssertGradients(Gradients, parameters);
    }

    [Fact]
    public void Apply_PerLayerNorm_ScalesOnlyTheGroupAboveThreshold()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.PerLayerNorm, 1, parameters, squares);

        var scale = 1 / (5 + GradientClipping<double>.NormEpsilon);
        AssertGradients([[3 * scale, 0, 0, -2 * scale], [0, 2 * Math.Sqrt(3) * scale], [0.3, 0], [-0.4]], parameters);
        Assert.Equal(1, result.ClippedGroups);
        Assert.Equal(Math.Sqrt(25 * scale * scale + 0.25), result.NormAfter, Tolerance);
        Assert.Equal(result.NormAfter / result.NormBefore, result.Scale, Tolerance);
        Assert.True(result.Clipped);
    }

    [Fact]
    public void Apply_PerLayerNormBelowThreshold_LeavesGradients()
    {
        var (parameters, squares) = Case();

        var result = Clip(ClippingMode.PerLayerNorm, 5.1, parameters, squares);

        Assert.False(result.Clipped);
        AssertGradients(Gradients, parameters);
    }

    [Theory]
    [InlineData(ClippingMode.GlobalNorm, double.NaN)]
    [InlineData(ClippingMode.Value, double.PositiveInfinity)]
    [InlineData(ClippingMode.PerLayerNorm, double.NaN)]
    public void Apply_NonFiniteNorm_LeavesGradients(ClippingMode mode, double badSquares)
    {
        var (parameters, squares) = Case();
        squares[1] = badSquares;

        var result = Clip(mode, 0.1, parameters, squares);

        Assert.False(double.IsFinite(result.NormBefore));
        Assert.Equal(1, result.Scale);
        Assert.False(result.Clipped);
        AssertGradients(Gradients, parameters);
    }

    [Fact]
    public void Apply_ZeroGradient_IsNotClipped()
    {
        var (parameters, _) = Case();
        foreach (var p in parameters) Array.Clear(p.Grad);

        var result = Clip(ClippingMode.GlobalNorm, 1, parameters, new double[4]);

        Assert.Equal(0, result.NormAfter);
        Assert.False(result.Clipped);
    }

    [Theory]
    [InlineData(ClippingMode.GlobalNorm)]
    [InlineData(ClippingMode.Value)]
    [InlineData(ClippingMode.PerLayerNorm)]
    public void Apply_AfterWarmUp_AllocatesNothing(ClippingMode mode)
    {
        var (parameters, squares) = Case();
        var clipping = new GradientClipping<float>(new ClippingSpec { Mode = mode, Threshold = 1 }, Floats(parameters));
        clipping.Apply(squares);

        Assert.Equal(0, Allocations.Fewest(GC.GetAllocatedBytesForCurrentThread, () =>
        {
            for (var i = 0; i < 100; i++) clipping.Apply(squares);
        }));
    }

    private static ClipResult Clip(ClippingMode mode, double threshold, List<Parameter<double>> parameters, double[] squares) =>
        new GradientClipping<double>(new ClippingSpec { Mode = mode, Threshold = threshold }, parameters).Apply(squares);

    private static (List<Parameter<double>> Parameters, double[] Squares) Case()
    {
        List<Parameter<double>> parameters =
        [
            new("layers.0.weight", 0, 2, 2), new("layers.0.bias", 0, 2), new("layers.1.weight", 1, 1, 2), new("layers.1.bias", 1, 1),
        ];
        for (var i = 0; i < parameters.Count; i++) Gradients[i].CopyTo(parameters[i].Grad, 0);
        return (parameters, [.. parameters.Select(p => p.Grad.Sum(g => g * g))]);
    }

    private static List<Parameter<float>> Floats(List<Parameter<double>> parameters)
    {
        var copies = parameters.Select(p => new Parameter<float>(p.Name, p.Group, p.Shape)).ToList();
        for (var i = 0; i < copies.Count; i++)
            for (var j = 0; j < copies[i].Length; j++) copies[i].Grad[j] = (float)parameters[i].Grad[j];
        return copies;
    }

    private static double SumOfSquares(List<Parameter<double>> parameters) => parameters.Sum(p => p.Grad.Sum(g => g * g));

    private static void AssertGradients(double[][] expected, List<Parameter<double>> parameters)
    {
        for (var i = 0; i < expected.Length; i++)
            for (var j = 0; j < expected[i].Length; j++)
                Assert.Equal(expected[i][j], parameters[i].Grad[j], Tolerance);
    }
}
