using System.Runtime.Intrinsics;
using GradientService.Core.Layers;
using GradientService.Contracts.Spec;

namespace GradientService.Core.Optimizers;

/// <summary>
/// Rprop as torch.optim.Rprop implements it (iRprop−, Igel &amp; Hüsken 2000, after Riedmiller &amp; Braun 1993).
/// Per element: s = sign(g·g_prev); step ← clamp(step·(η⁺ if s &gt; 0, η⁻ if s &lt; 0, else 1), min, max);
/// where s &lt; 0, g ← 0 (no move, and no sign test next time); W ← W − sign(g)·step; g_prev ← g.
/// Steps start at the learning rate of the first update. PyTorch's Rprop has no weight decay; here λ is added to
/// the gradient (g ← g + λW) as for the other optimizers. State: "prev" (g_prev), "step_size".
/// </summary>
internal sealed class Rprop<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _previous;
    private readonly T[][] _stepSize;

    public Rprop(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : base(spec, parameters)
    {
        _previous = AddState("prev");
        _stepSize = AddState("step_size");
    }

    protected override (double DeltaSquares, double ValueSquares) Update(double learningRate, int i, int start, int length)
    {
        // PyTorch fills step_size with the group's lr when it first meets the parameter; later lr changes are ignored.
        if (StepCount == 1) _stepSize[i].AsSpan(start, length).Fill(Scalar(learningRate));
        var rule = new Rule(Lanes(Spec.WeightDecay), Spec.WeightDecay != 0,
            Lanes(Spec.EtaMinus), Lanes(Spec.EtaPlus), Lanes(Spec.StepSizeMin), Lanes(Spec.StepSizeMax));
        return UpdateKernel<T>.Run(rule, Parameters[i].Value.AsSpan(start, length), Parameters[i].Grad.AsSpan(start, length), _previous[i].AsSpan(start, length), _stepSize[i].AsSpan(start, length));
    }

    private readonly struct Rule(
        Vector256<T> weightDecay, bool decays, Vector256<T> etaMinus, Vector256<T> etaPlus, Vector256<T> stepMin, Vector256<T> stepMax)
        : IUpdateRule<T>
    {
        public Vector256<T> Apply(Vector256<T> w, Vector256<T> g, ref Vector256<T> previous, ref Vector256<T> step)
        {
            g = WithDecay(g, w, weightDecay, decays);
            var product = g * previous;
            var grew = Vector256.GreaterThan(product, Vector256<T>.Zero);
            var flipped = Vector256.LessThan(product, Vector256<T>.Zero);
            // sign(NaN) stays NaN in PyTorch and poisons the step size, as it does here.
            var factor = Vector256.ConditionalSelect(grew, etaPlus,
                Vector256.ConditionalSelect(flipped, etaMinus, Vector256.ConditionalSelect(Vector256.IsNaN(product), product, Vector256<T>.One)));
            step = Vector256.Min(Vector256.Max(step * factor, stepMin), stepMax);
            g = Vector256.ConditionalSelect(flipped, Vector256<T>.Zero, g);
            var sign = Vector256.ConditionalSelect(Vector256.GreaterThan(g, Vector256<T>.Zero), Vector256<T>.One,
                Vector256.ConditionalSelect(Vector256.LessThan(g, Vector256<T>.Zero), -Vector256<T>.One, g * Vector256<T>.Zero));
            previous = g;
            return w - sign * step;
        }
    }
}
