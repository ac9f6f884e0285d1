using GradientService.Core.Layers;
using GradientService.Core.Spec;

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
    private readonly T _weightDecay, _etaMinus, _etaPlus, _stepMin, _stepMax;
    private readonly T[][] _previous;
    private readonly T[][] _stepSize;

    public Rprop(OptimizerSpec spec, IReadOnlyList<Parameter<T>> parameters) : base(spec, parameters)
    {
        _weightDecay = Scalar(spec.WeightDecay);
        _etaMinus = Scalar(spec.EtaMinus);
        _etaPlus = Scalar(spec.EtaPlus);
        _stepMin = Scalar(spec.StepSizeMin);
        _stepMax = Scalar(spec.StepSizeMax);
        _previous = AddState("prev");
        _stepSize = AddState("step_size");
    }

    protected override void Update(double learningRate, Span<double> deltaSquares, Span<double> valueSquares)
    {
        // PyTorch fills step_size with the group's lr when it first meets the parameter; later lr changes are ignored.
        if (StepCount == 1)
            foreach (var steps in _stepSize) steps.AsSpan().Fill(Scalar(learningRate));
        for (var i = 0; i < Parameters.Count; i++)
        {
            var w = Parameters[i].Value.AsSpan();
            var grad = Parameters[i].Grad.AsSpan();
            var previous = _previous[i].AsSpan();
            var stepSize = _stepSize[i].AsSpan();
            double ds = 0, vs = 0;
            for (var j = 0; j < w.Length; j++)
            {
                var g = WithDecay(grad[j], w[j], _weightDecay);
                var product = g * previous[j];
                // sign(NaN) stays NaN in PyTorch and poisons the step size, as it does here.
                var factor = product > T.Zero ? _etaPlus : product < T.Zero ? _etaMinus : T.IsNaN(product) ? product : T.One;
                stepSize[j] = T.Min(T.Max(stepSize[j] * factor, _stepMin), _stepMax);
                if (product < T.Zero) g = T.Zero;
                var sign = g > T.Zero ? T.One : g < T.Zero ? T.NegativeOne : g * T.Zero;
                var updated = w[j] - sign * stepSize[j];
                Measure(w[j], updated, ref ds, ref vs);
                w[j] = updated;
                previous[j] = g;
            }
            (deltaSquares[i], valueSquares[i]) = (ds, vs);
        }
    }
}
