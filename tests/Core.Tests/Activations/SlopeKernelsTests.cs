using System.Numerics;
using GradientService.Core.Activations;

namespace GradientService.Core.Tests.Activations;

/// <summary>δ = g ⊙ φ′ and the saturation count on 512-bit lanes, 256-bit lanes and the scalar tail, against the scalar rules bit for bit.</summary>
public sealed class SlopeKernelsTests
{
    /// <summary>Each kind (its number: the enum is the engine's own) with lengths that end in every loop.</summary>
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (var kind in Enum.GetValues<SlopeKernels.Kind>())
            foreach (var length in new[] { 1, 7, 8, 15, 16, 17, 24, 31, 33, 47, 64, 100 }) data.Add((int)kind, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_matches_the_scalar_rule_bitwise(int kind, int length) => AssertMatches<float>((SlopeKernels.Kind)kind, length);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_matches_the_scalar_rule_bitwise(int kind, int length) => AssertMatches<double>((SlopeKernels.Kind)kind, length);

    private static void AssertMatches<T>(SlopeKernels.Kind kind, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(length * 7 + (int)kind);
        var z = new T[length];
        var a = new T[length];
        var g = new T[length];
        for (var i = 0; i < length; i++)
        {
            z[i] = T.CreateChecked(rng.NextDouble() * 8 - 4);
            a[i] = kind == SlopeKernels.Kind.Sigmoid ? T.One / (T.One + T.Exp(-z[i])) : T.Tanh(z[i]);
            g[i] = T.CreateChecked(rng.NextDouble() - 0.5);
        }
        var (slopeNegative, below) = (T.CreateChecked(0.01), T.CreateChecked(0.05));
        var delta = new T[length];

        var saturated = SlopeKernels.Backward<T>(kind, z, a, g, delta, slopeNegative, below);

        var expectedSaturated = 0;
        for (var i = 0; i < length; i++)
        {
            var slope = kind switch
            {
                SlopeKernels.Kind.Sigmoid => a[i] * (T.One - a[i]),
                SlopeKernels.Kind.Tanh => T.One - a[i] * a[i],
                _ => z[i] > T.Zero ? T.One : slopeNegative,
            };
            if (slope < below) expectedSaturated++;
            Assert.Equal(g[i] * slope, delta[i]);
        }
        Assert.Equal(expectedSaturated, saturated);
        if (length >= 33 && kind != SlopeKernels.Kind.LeakyRelu) Assert.InRange(saturated, 1, length - 1); // the data saturates some entries, not all
    }
}
