using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using MathNet.Numerics;

namespace GradientService.Core.Theory;

/// <summary>φ and φ′ of an activation in float64, for the theory's Gaussian integrals (the same functions the engine's kernels apply).</summary>
public readonly record struct ScalarActivation(ActivationKind Kind, double LeakySlope = 0.01, double EluAlpha = 1.0)
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Whether φ or φ′ has a kink or jump at 0 (the quadrature splits its integrals there).</summary>
    public bool KinkedAtZero => Kind is ActivationKind.Relu or ActivationKind.LeakyRelu or ActivationKind.Elu;

    /// <summary>γ = sup|φ′| (1/4 sigmoid, 1 tanh/relu/identity, ≈1.129 gelu, ≈1.100 silu, max(1, a) leaky-relu, max(1, α) elu).</summary>
    public double MaxSlope => Kind switch
    {
        ActivationKind.Sigmoid => Sigmoid<double>.MaxSlope,
        ActivationKind.Tanh => Tanh<double>.MaxSlope,
        ActivationKind.LeakyRelu => Math.Max(1.0, Math.Abs(LeakySlope)),
        ActivationKind.Gelu => Gelu<double>.MaxSlope,
        ActivationKind.Silu => Silu<double>.MaxSlope,
        ActivationKind.Elu => Math.Max(1.0, EluAlpha),
        _ => 1.0,
    };

    public double Value(double x) => Kind switch
    {
        ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-x)),
        ActivationKind.Tanh => Math.Tanh(x),
        ActivationKind.Relu => Math.Max(x, 0),
        ActivationKind.LeakyRelu => x > 0 ? x : LeakySlope * x,
        ActivationKind.Gelu => 0.5 * x * (1 + SpecialFunctions.Erf(x * InvSqrt2)),
        ActivationKind.Silu => x / (1 + Math.Exp(-x)),
        ActivationKind.Elu => x > 0 ? x : EluAlpha * (Math.Exp(x) - 1),
        _ => x,
    };

    public double Slope(double x)
    {
        switch (Kind)
        {
            case ActivationKind.Sigmoid:
                var s = 1 / (1 + Math.Exp(-x));
                return s * (1 - s);
            case ActivationKind.Tanh:
                var t = Math.Tanh(x);
                return 1 - t * t;
            case ActivationKind.Relu: return x > 0 ? 1 : 0;
            case ActivationKind.LeakyRelu: return x > 0 ? 1 : LeakySlope;
            case ActivationKind.Gelu: return 0.5 * (1 + SpecialFunctions.Erf(x * InvSqrt2)) + x * InvSqrt2Pi * Math.Exp(-0.5 * x * x);
            case ActivationKind.Silu:
                var g = 1 / (1 + Math.Exp(-x));
                return g * (1 + x * (1 - g));
            case ActivationKind.Elu: return x > 0 ? 1 : EluAlpha * Math.Exp(x);
            default: return 1;
        }
    }
}
