using GradientService.Core.Layers;
using GradientService.Core.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>Plain SGD (torch.optim.SGD, momentum 0): g ← g + λW, W ← W − η g.</summary>
internal sealed class Sgd<T>(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : Optimizer<T>(spec, parameters)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _weightDecay = Scalar(spec.WeightDecay);

    protected override void Update(double learningRate, Span<double> deltaSquares, Span<double> valueSquares)
    {
        var lr = Scalar(learningRate);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var w = Parameters[i].Value.AsSpan();
            var grad = Parameters[i].Grad.AsSpan();
            double ds = 0, vs = 0;
            for (var j = 0; j < w.Length; j++)
            {
                var g = WithDecay(grad[j], w[j], _weightDecay);
                var updated = w[j] - lr * g;
                Measure(w[j], updated, ref ds, ref vs);
                w[j] = updated;
            }
            (deltaSquares[i], valueSquares[i]) = (ds, vs);
        }
    }
}
