using GradientService.Core.Layers;
using GradientService.Core.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// RMSprop (torch.optim.RMSprop, not centred, momentum 0): g ← g + λW; v ← αv + (1−α)g²; W ← W − η g/(√v + ε).
/// State: "square_avg".
/// </summary>
internal sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _weightDecay;
    private readonly T _alpha;
    private readonly T _oneMinusAlpha;
    private readonly T _epsilon;
    private readonly T[][] _squareAverage;

    public RmsProp(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : base(spec, parameters)
    {
        _weightDecay = Scalar(spec.WeightDecay);
        _alpha = Scalar(spec.Alpha);
        _oneMinusAlpha = Scalar(1 - spec.Alpha);
        _epsilon = Scalar(spec.Epsilon);
        _squareAverage = AddState("square_avg");
    }

    protected override void Update(double learningRate, Span<double> deltaSquares, Span<double> valueSquares)
    {
        var lr = Scalar(learningRate);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var w = Parameters[i].Value.AsSpan();
            var grad = Parameters[i].Grad.AsSpan();
            var v = _squareAverage[i].AsSpan();
            double ds = 0, vs = 0;
            for (var j = 0; j < w.Length; j++)
            {
                var g = WithDecay(grad[j], w[j], _weightDecay);
                v[j] = v[j] * _alpha + _oneMinusAlpha * g * g;
                var updated = w[j] - lr * (g / (T.Sqrt(v[j]) + _epsilon));
                Measure(w[j], updated, ref ds, ref vs);
                w[j] = updated;
            }
            (deltaSquares[i], valueSquares[i]) = (ds, vs);
        }
    }
}
