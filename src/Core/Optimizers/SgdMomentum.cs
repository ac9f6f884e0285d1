using GradientService.Core.Layers;
using GradientService.Core.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// SGD with momentum μ, dampening 0 (torch.optim.SGD): g ← g + λW; v ← μv + g (v₁ = g);
/// W ← W − η(g + μv) with Nesterov, else W ← W − ηv. State: "momentum_buffer".
/// </summary>
internal sealed class SgdMomentum<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _weightDecay;
    private readonly T _momentum;
    private readonly bool _nesterov;
    private readonly T[][] _velocity;

    public SgdMomentum(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : base(spec, parameters)
    {
        _weightDecay = Scalar(spec.WeightDecay);
        _momentum = Scalar(spec.Momentum);
        _nesterov = spec.Nesterov;
        _velocity = AddState("momentum_buffer");
    }

    protected override void Update(double learningRate, Span<double> deltaSquares, Span<double> valueSquares)
    {
        var lr = Scalar(learningRate);
        // PyTorch starts the buffer as a copy of the first gradient rather than from zero.
        var first = StepCount == 1;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var w = Parameters[i].Value.AsSpan();
            var grad = Parameters[i].Grad.AsSpan();
            var v = _velocity[i].AsSpan();
            double ds = 0, vs = 0;
            for (var j = 0; j < w.Length; j++)
            {
                var g = WithDecay(grad[j], w[j], _weightDecay);
                v[j] = first ? g : v[j] * _momentum + g;
                var direction = _nesterov ? g + _momentum * v[j] : v[j];
                var updated = w[j] - lr * direction;
                Measure(w[j], updated, ref ds, ref vs);
                w[j] = updated;
            }
            (deltaSquares[i], valueSquares[i]) = (ds, vs);
        }
    }
}
