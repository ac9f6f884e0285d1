using GradientService.Contracts.Spec;
using GradientService.Core.Activations;

namespace GradientService.Core.Tests.Layers;

public class GeluKernelsTests
{
    private static readonly float[] Z = [.. Enumerable.Range(0, 37).Select(i => (i - 18) * 0.37f)];

    [Fact]
    public void Float32_ValueAndSlope_WithinFloatResolutionOfTheExactForm()
    {
        var (exact, fast) = (new Activation<double>(ActivationKind.Gelu), new Activation<float>(ActivationKind.Gelu));
        var (a, a32) = (new double[Z.Length], new float[Z.Length]);
        var (d, d32) = (new double[Z.Length], new float[Z.Length]);
        var z64 = Z.Select(z => (double)z).ToArray();
        exact.Forward(z64, a);
        fast.Forward(Z, a32);
        var ones = Enumerable.Repeat(1.0, Z.Length).ToArray();
        var saturated = exact.Backward(z64, a, ones, d);
        var saturated32 = fast.Backward(Z, a32, [.. ones.Select(o => (float)o)], d32);

        for (var i = 0; i < Z.Length; i++)
        {
            Assert.Equal(a[i], a32[i], 2e-6 * Math.Max(1, Math.Abs(a[i])));
            Assert.Equal(d[i], d32[i], 2e-6);
        }
        Assert.Equal(saturated, saturated32);
    }

    /// <summary>The last elements go through a padded vector: a value is the same wherever the span is cut.</summary>
    [Fact]
    public void Float32_AnyCut_GivesBitwiseSameValues()
    {
        var gelu = new Activation<float>(ActivationKind.Gelu);
        var whole = new float[Z.Length];
        gelu.Forward(Z, whole);
        var cut = new float[Z.Length];
        gelu.Forward(Z.AsSpan(0, 13), cut.AsSpan(0, 13));
        gelu.Forward(Z.AsSpan(13), cut.AsSpan(13));

        Assert.Equal(whole, cut);
    }
}
