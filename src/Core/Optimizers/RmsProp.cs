using System.Runtime.Intrinsics;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// RMSprop (torch.optim.RMSprop, not centred, momentum 0): g ← g + λW; v ← αv + (1−α)g²; W ← W − η g/(√v + ε).
/// State: "square_avg".
/// </summary>
internal sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _squareAverage;

    public RmsProp(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : base(spec, parameters) =>
        _squareAverage = AddState("square_avg");

    protected override (double DeltaSquares, double ValueSquares) Update(double learningRate, int i, int start, int length)
    {
        var rule = new Rule(Lanes(learningRate), Lanes(Spec.WeightDecay), Spec.WeightDecay != 0,
            Lanes(Spec.Alpha), Lanes(1 - Spec.Alpha), Lanes(Spec.Epsilon));
        return UpdateKernel<T>.Run(rule, Parameters[i].Value.AsSpan(start, length), Parameters[i].Grad.AsSpan(start, length), _squareAverage[i].AsSpan(start, length), []);
    }

    private readonly struct Rule(
        Vector256<T> learningRate, Vector256<T> weightDecay, bool decays, Vector256<T> alpha, Vector256<T> oneMinusAlpha, Vector256<T> epsilon)
        : IUpdateRule<T>
    {
        public Vector256<T> Apply(Vector256<T> w, Vector256<T> g, ref Vector256<T> v, ref Vector256<T> unused)
        {
            g = WithDecay(g, w, weightDecay, decays);
            v = v * alpha + oneMinusAlpha * g * g;
            return w - learningRate * (g / (Vector256.Sqrt(v) + epsilon));
        }
    }
}
