using System.Runtime.Intrinsics;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015; torch.optim.Adam): g ← g + λW; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// W ← W − η/(1−β₁ᵗ) · m/(√v/√(1−β₂ᵗ) + ε). With decoupled decay (AdamW) W ← W(1 − ηλ) first and g is not decayed.
/// State: "exp_avg" (m), "exp_avg_sq" (v).
/// </summary>
internal class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool _decoupled;
    private readonly T[][] _m;
    private readonly T[][] _v;

    public Adam(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : this(spec, parameters, decoupled: false)
    {
    }

    protected Adam(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters, bool decoupled) : base(spec, parameters)
    {
        _decoupled = decoupled;
        _m = AddState("exp_avg");
        _v = AddState("exp_avg_sq");
    }

    protected override (double DeltaSquares, double ValueSquares) Update(double learningRate, int i, int start, int length)
    {
        // As torch.optim.Adam (_single_tensor_adam): the per-step scalars are Python floats (float64), cast to T on use.
        var t = StepCount;
        var decays = Spec.WeightDecay != 0;
        var rule = new Rule
        {
            StepSize = Lanes(learningRate / (1 - Math.Pow(Spec.Beta1, t))),
            Correction2Sqrt = Lanes(Math.Sqrt(1 - Math.Pow(Spec.Beta2, t))),
            Beta1 = Lanes(Spec.Beta1),
            OneMinusBeta1 = Lanes(1 - Spec.Beta1),
            Beta2 = Lanes(Spec.Beta2),
            OneMinusBeta2 = Lanes(1 - Spec.Beta2),
            Epsilon = Lanes(Spec.Epsilon),
            WeightDecay = Lanes(Spec.WeightDecay),
            L2 = decays && !_decoupled,
            Shrink = Lanes(1 - learningRate * Spec.WeightDecay),
            Shrinks = decays && _decoupled,
        };
        return UpdateKernel<T>.Run(rule, Parameters[i].Value.AsSpan(start, length), Parameters[i].Grad.AsSpan(start, length), _m[i].AsSpan(start, length), _v[i].AsSpan(start, length));
    }

    private readonly struct Rule : IUpdateRule<T>
    {
        public Vector256<T> StepSize { get; init; }
        public Vector256<T> Correction2Sqrt { get; init; }
        public Vector256<T> Beta1 { get; init; }
        public Vector256<T> OneMinusBeta1 { get; init; }
        public Vector256<T> Beta2 { get; init; }
        public Vector256<T> OneMinusBeta2 { get; init; }
        public Vector256<T> Epsilon { get; init; }
        public Vector256<T> WeightDecay { get; init; }
        public bool L2 { get; init; }

        /// <summary>AdamW's factor 1 − ηλ.</summary>
        public Vector256<T> Shrink { get; init; }
        public bool Shrinks { get; init; }

        public Vector256<T> Apply(Vector256<T> w, Vector256<T> g, ref Vector256<T> m, ref Vector256<T> v)
        {
            g = WithDecay(g, w, WeightDecay, L2);
            if (Shrinks) w *= Shrink;
            // PyTorch writes this as m.lerp_(g, 1 − β₁): the same average, rounded in another order.
            m = Beta1 * m + OneMinusBeta1 * g;
            v = v * Beta2 + OneMinusBeta2 * g * g;
            return w - StepSize * (m / (Vector256.Sqrt(v) / Correction2Sqrt + Epsilon));
        }
    }
}
