using System.Runtime.InteropServices;
using GradientService.Contracts.Spec;
using GradientService.Core.Theory;

namespace GradientService.Core.Activations;

/// <summary>
/// The activation φ of a run, applied element-wise: <see cref="Forward"/> computes a = φ(z), <see cref="Backward"/>
/// δ = g ⊙ φ′(z) and counts the saturated entries (φ′ below <see cref="SaturationShare"/> of <see cref="MaxSlope"/>).
/// </summary>
public sealed class Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An entry is saturated when φ′(z) &lt; 5% of sup φ′ (the definition of saturation).</summary>
    public const double SaturationShare = 0.05;

    private readonly T _leakySlope;
    private readonly T _eluAlpha;
    private readonly T _saturationBelow;

    public Activation(ActivationKind kind, double leakyReluSlope = 0.01, double eluAlpha = 1.0)
    {
        Kind = kind;
        _leakySlope = T.CreateTruncating(kind == ActivationKind.Relu ? 0.0 : leakyReluSlope);
        _eluAlpha = T.CreateTruncating(eluAlpha);
        MaxSlope = new ScalarActivation(kind, leakyReluSlope, eluAlpha).MaxSlope;
        // Identity never saturates: its slope is 1 everywhere.
        _saturationBelow = kind == ActivationKind.Identity ? T.NegativeInfinity : T.CreateTruncating(SaturationShare * MaxSlope);
    }

    public ActivationKind Kind { get; }

    /// <summary>γ = sup|φ′| (<see cref="ScalarActivation.MaxSlope"/>).</summary>
    public double MaxSlope { get; }

    /// <summary>a = φ(z), element-wise.</summary>
    public void Forward(ReadOnlySpan<T> z, Span<T> a)
    {
        switch (Kind)
        {
            case ActivationKind.Sigmoid: System.Numerics.Tensors.TensorPrimitives.Sigmoid(z, a); break;
            case ActivationKind.Tanh: System.Numerics.Tensors.TensorPrimitives.Tanh(z, a); break;
            case ActivationKind.Relu: System.Numerics.Tensors.TensorPrimitives.Max(z, T.Zero, a); break;
            case ActivationKind.LeakyRelu: Apply(new LeakyRelu<T>(_leakySlope), z, a); break;
            case ActivationKind.Gelu when typeof(T) == typeof(float):
                GeluKernels.Forward(MemoryMarshal.Cast<T, float>(z), MemoryMarshal.Cast<T, float>(a));
                break;
            case ActivationKind.Gelu: Apply(new Gelu<T>(), z, a); break;
            case ActivationKind.Silu: Apply(new Silu<T>(), z, a); break;
            case ActivationKind.Elu: Apply(new Elu<T>(_eluAlpha), z, a); break;
            default: z.CopyTo(a); break;
        }
    }

    /// <summary>δ = g ⊙ φ′(z) given a = φ(z); returns how many entries are saturated.</summary>
    public int Backward(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> g, Span<T> delta) => Kind switch
    {
        ActivationKind.Sigmoid => SlopeKernels.Backward(SlopeKernels.Kind.Sigmoid, z, a, g, delta, _leakySlope, _saturationBelow),
        ActivationKind.Tanh => SlopeKernels.Backward(SlopeKernels.Kind.Tanh, z, a, g, delta, _leakySlope, _saturationBelow),
        ActivationKind.Relu or ActivationKind.LeakyRelu => SlopeKernels.Backward(SlopeKernels.Kind.LeakyRelu, z, a, g, delta, _leakySlope, _saturationBelow),
        ActivationKind.Gelu when typeof(T) == typeof(float) => GeluKernels.Backward(Floats(z), Floats(g),
            MemoryMarshal.Cast<T, float>(delta), float.CreateTruncating(_saturationBelow)),
        ActivationKind.Gelu => Differentiate(new Gelu<T>(), z, a, g, delta),
        ActivationKind.Silu => Differentiate(new Silu<T>(), z, a, g, delta),
        ActivationKind.Elu => Differentiate(new Elu<T>(_eluAlpha), z, a, g, delta),
        _ => CopySlopeOne(g, delta),
    };

    private static ReadOnlySpan<float> Floats(ReadOnlySpan<T> x) => MemoryMarshal.Cast<T, float>(x);

    /// <summary>Identity: δ = g, never saturated.</summary>
    private static int CopySlopeOne(ReadOnlySpan<T> g, Span<T> delta)
    {
        g.CopyTo(delta);
        return 0;
    }

    private static void Apply<TRule>(TRule rule, ReadOnlySpan<T> z, Span<T> a) where TRule : struct, IActivationRule<T>
    {
        for (var i = 0; i < z.Length; i++) a[i] = rule.Value(z[i]);
    }

    private int Differentiate<TRule>(TRule rule, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> g, Span<T> delta)
        where TRule : struct, IActivationRule<T>
    {
        var saturated = 0;
        var below = _saturationBelow;
        for (var i = 0; i < z.Length; i++)
        {
            var slope = rule.Slope(z[i], a[i]);
            if (slope < below) saturated++;
            delta[i] = g[i] * slope;
        }
        return saturated;
    }
}
