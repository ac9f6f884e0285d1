using System.Runtime.Intrinsics;

namespace GradientService.Core.Activations;

/// <summary>
/// GELU in float32, vectorised: Φ(z) = (1 + erf(z/√2))/2 with erf by Abramowitz &amp; Stegun 7.1.26
/// (|error| ≤ 1.5·10⁻⁷, under float32's resolution of Φ near 1), whose e^{−z²/2} is 𝜙's as well. Every element, the
/// last few included (through a padded vector), takes the same vector arithmetic, so a value does not depend on where a
/// span starts or ends. Float64 keeps the exact scalar <see cref="Gelu{T}"/>.
/// </summary>
internal static class GeluKernels
{
    private const float InvSqrt2 = 0.70710678118654752440f;
    private const float InvSqrt2Pi = 0.39894228040143267794f;
    private const int Lanes = 8;

    /// <summary>a = z·Φ(z).</summary>
    public static void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        Span<float> pad = stackalloc float[Lanes];
        var i = 0;
        for (; i <= z.Length - Lanes; i += Lanes)
        {
            var x = Vector256.Create(z.Slice(i, Lanes));
            (x * Cdf(x, out _)).CopyTo(a.Slice(i, Lanes));
        }
        if (i == z.Length) return;
        pad.Clear();
        z[i..].CopyTo(pad);
        var tail = Vector256.Create(pad);
        (tail * Cdf(tail, out _)).CopyTo(pad);
        pad[..(z.Length - i)].CopyTo(a[i..]);
    }

    /// <summary>δ = g·(Φ(z) + z·𝜙(z)); returns how many slopes are below <paramref name="saturatedBelow"/>.</summary>
    public static int Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> g, Span<float> delta, float saturatedBelow)
    {
        Span<float> pad = stackalloc float[2 * Lanes];
        var below = Vector256.Create(saturatedBelow);
        var saturated = 0;
        var i = 0;
        for (; i <= z.Length - Lanes; i += Lanes)
        {
            var slope = Slope(Vector256.Create(z.Slice(i, Lanes)));
            saturated += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(slope, below)));
            (Vector256.Create(g.Slice(i, Lanes)) * slope).CopyTo(delta.Slice(i, Lanes));
        }
        var rest = z.Length - i;
        if (rest == 0) return saturated;
        pad.Clear();
        z[i..].CopyTo(pad);
        g[i..].CopyTo(pad[Lanes..]);
        var tail = Slope(Vector256.Create(pad[..Lanes]));
        saturated += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(Vector256.LessThan(tail, below)) & ((1u << rest) - 1));
        (Vector256.Create(pad[Lanes..]) * tail).CopyTo(pad);
        pad[..rest].CopyTo(delta[i..]);
        return saturated;
    }

    private static Vector256<float> Slope(Vector256<float> x)
    {
        var cdf = Cdf(x, out var gaussian);
        return cdf + x * Vector256.Create(InvSqrt2Pi) * gaussian;
    }

    /// <summary>Φ(x), and e^{−x²/2}.</summary>
    private static Vector256<float> Cdf(Vector256<float> x, out Vector256<float> gaussian)
    {
        gaussian = Vector256.Exp(Vector256.Create(-0.5f) * x * x);
        var t = Vector256<float>.One / (Vector256<float>.One + Vector256.Create(0.3275911f * InvSqrt2) * Vector256.Abs(x));
        var poly = t * (Vector256.Create(0.254829592f) + t * (Vector256.Create(-0.284496736f) + t * (Vector256.Create(1.421413741f)
            + t * (Vector256.Create(-1.453152027f) + t * Vector256.Create(1.061405429f)))));
        var erf = Vector256<float>.One - poly * gaussian;
        erf = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -erf, erf);
        return Vector256.Create(0.5f) * (Vector256<float>.One + erf);
    }
}
