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
            (deltaSquares[i], valueSquares[i]) = SgdKernel.Update<T>(Parameters[i].Value, Parameters[i].Grad, lr, _weightDecay);
    }
}
