using System.Runtime.Intrinsics;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// SGD with momentum μ, dampening 0 (torch.optim.SGD): g ← g + λW; v ← μv + g (v₁ = g);
/// W ← W − η(g + μv) with Nesterov, else W ← W − ηv. State: "momentum_buffer".
/// </summary>
internal sealed class SgdMomentum<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _velocity;

    public SgdMomentum(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : base(spec, parameters) =>
        _velocity = AddState("momentum_buffer");

    protected override (double DeltaSquares, double ValueSquares) Update(double learningRate, int i, int start, int length)
    {
        // PyTorch starts the buffer as a copy of the first gradient rather than from zero.
        var rule = new Rule(Lanes(learningRate), Lanes(Spec.WeightDecay), Spec.WeightDecay != 0, Lanes(Spec.Momentum), Spec.Nesterov, StepCount == 1);
        return UpdateKernel<T>.Run(rule, Parameters[i].Value.AsSpan(start, length), Parameters[i].Grad.AsSpan(start, length), _velocity[i].AsSpan(start, length), []);
    }

    private readonly struct Rule(
        Vector256<T> learningRate, Vector256<T> weightDecay, bool decays, Vector256<T> momentum, bool nesterov, bool first) : IUpdateRule<T>
    {
        public Vector256<T> Apply(Vector256<T> w, Vector256<T> g, ref Vector256<T> v, ref Vector256<T> unused)
        {
            g = WithDecay(g, w, weightDecay, decays);
            v = first ? g : v * momentum + g;
            return w - learningRate * (nesterov ? g + momentum * v : v);
        }
    }
}
