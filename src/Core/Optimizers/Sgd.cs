using System.Runtime.Intrinsics;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>Plain SGD (torch.optim.SGD, momentum 0): g ← g + λW, W ← W − η g.</summary>
internal sealed class Sgd<T>(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : Optimizer<T>(spec, parameters)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override (double DeltaSquares, double ValueSquares) Update(double learningRate, int i, int start, int length)
    {
        var rule = new Rule(Lanes(learningRate), Lanes(Spec.WeightDecay), Spec.WeightDecay != 0);
        return UpdateKernel<T>.Run(rule, Parameters[i].Value.AsSpan(start, length), Parameters[i].Grad.AsSpan(start, length), [], []);
    }

    private readonly struct Rule(Vector256<T> learningRate, Vector256<T> weightDecay, bool decays) : IUpdateRule<T>
    {
        public Vector256<T> Apply(Vector256<T> w, Vector256<T> g, ref Vector256<T> first, ref Vector256<T> second) =>
            w - learningRate * WithDecay(g, w, weightDecay, decays);
    }
}
