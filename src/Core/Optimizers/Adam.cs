using GradientService.Core.Layers;
using GradientService.Core.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015; torch.optim.Adam): g ← g + λW; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// W ← W − η/(1−β₁ᵗ) · m/(√v/√(1−β₂ᵗ) + ε). With decoupled decay (AdamW) W ← W(1 − ηλ) first and g is not decayed.
/// State: "exp_avg" (m), "exp_avg_sq" (v).
/// </summary>
internal class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool _decoupled;
    private readonly T _beta1, _beta2, _oneMinusBeta1, _oneMinusBeta2, _epsilon;
    private readonly T[][] _m;
    private readonly T[][] _v;

    public Adam(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : this(spec, parameters, decoupled: false)
    {
    }

    protected Adam(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters, bool decoupled) : base(spec, parameters)
    {
        _decoupled = decoupled;
        _beta1 = Scalar(spec.Beta1);
        _beta2 = Scalar(spec.Beta2);
        _oneMinusBeta1 = Scalar(1 - spec.Beta1);
        _oneMinusBeta2 = Scalar(1 - spec.Beta2);
        _epsilon = Scalar(spec.Epsilon);
        _m = AddState("exp_avg");
        _v = AddState("exp_avg_sq");
    }

    protected override void Update(double learningRate, Span<double> deltaSquares, Span<double> valueSquares)
    {
        // As torch.optim.Adam (_single_tensor_adam): the per-step scalars are Python floats (float64), cast to T on use.
        var t = StepCount;
        var stepSize = Scalar(learningRate / (1 - Math.Pow(Spec.Beta1, t)));
        var correction2Sqrt = Scalar(Math.Sqrt(1 - Math.Pow(Spec.Beta2, t)));
        var l2 = Scalar(_decoupled ? 0 : Spec.WeightDecay);
        var decay = Scalar(_decoupled ? 1 - learningRate * Spec.WeightDecay : 1);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var w = Parameters[i].Value.AsSpan();
            var grad = Parameters[i].Grad.AsSpan();
            var m = _m[i].AsSpan();
            var v = _v[i].AsSpan();
            double ds = 0, vs = 0;
            for (var j = 0; j < w.Length; j++)
            {
                var before = w[j];
                var decayed = _decoupled ? before * decay : before;
                var g = WithDecay(grad[j], before, l2);
                // PyTorch writes this as m.lerp_(g, 1 − β₁): the same average, rounded in another order.
                m[j] = _beta1 * m[j] + _oneMinusBeta1 * g;
                v[j] = v[j] * _beta2 + _oneMinusBeta2 * g * g;
                var denominator = T.Sqrt(v[j]) / correction2Sqrt + _epsilon;
                var updated = decayed - stepSize * (m[j] / denominator);
                Measure(before, updated, ref ds, ref vs);
                w[j] = updated;
            }
            (deltaSquares[i], valueSquares[i]) = (ds, vs);
        }
    }
}
