using System.Numerics.Tensors;
using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods.Pretraining;

/// <summary>
/// A hidden layer as a restricted Boltzmann machine trained by contrastive divergence CD-k (Hinton 2002; the deep belief
/// net's layer, Hinton, Osindero &amp; Teh 2006): hidden units p(h = 1 | v) = σ(v·Wᵀ + b) are the layer's own sigmoid units,
/// visible units v = ψ(h·W + c) with bias c [in] (ψ = σ: Bernoulli units; identity: Gaussian units of unit variance, taken
/// at their mean). From v₀ = x: h₀ ~ p(h | v₀); k times v_t = ψ(h_{t−1}·W + c), p_t = σ(v_t·Wᵀ + b), h_t ~ p_t (the last
/// not sampled). The gradient estimate of −log p(v) is ∂W = (p_kᵀ·v_k − p₀ᵀ·v₀)/B, ∂b = Σ(p_k − p₀)/B, ∂c = Σ(v_k − v₀)/B,
/// so that W ← W − η·∂W is CD-k's update. Hidden probabilities, not samples, enter the statistics and drive the
/// reconstructions' hidden units (Hinton 2010, "A practical guide to training RBMs", §3). The reconstruction error is
/// that of v₁, the one-step reconstruction.
/// </summary>
internal sealed class RbmPretrainer<T> : LayerPretrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Activation<T> _hidden, _visible;
    private readonly Parameter<T> _c;
    private readonly int _k;
    private readonly Rng _rng;
    private readonly T[] _h, _vz, _v, _hz, _p, _difference;

    public RbmPretrainer(FeedForwardLayer<T> layer, int index, int k, Rng rng, ActivationKind visible, int capacity, OptimizerSpec optimizer)
        : this(layer, index, VisibleBias(index, layer.Dense.Inputs), k, rng, visible, capacity, optimizer)
    {
    }

    private RbmPretrainer(FeedForwardLayer<T> layer, int index, Parameter<T> c, int k, Rng rng, ActivationKind visible, int capacity, OptimizerSpec optimizer)
        : base(layer, index, [c], optimizer)
    {
        (_c, _k, _rng) = (c, k, rng);
        (_hidden, _visible) = (new Activation<T>(ActivationKind.Sigmoid), new Activation<T>(visible));
        var (inputs, outputs) = (layer.Dense.Inputs, layer.Dense.Outputs);
        (_h, _hz, _p) = (new T[capacity * outputs], new T[capacity * outputs], new T[capacity * outputs]);
        (_vz, _v, _difference) = (new T[capacity * inputs], new T[capacity * inputs], new T[capacity * inputs]);
    }

    public override double Gradients(MatrixProduct<T> mm, MatrixView<T> x)
    {
        var (rows, inputs, outputs) = (x.Rows, x.Cols, Layer.Dense.Outputs);
        var dense = Layer.Dense;
        var p0 = Layer.A(rows);
        var h = new MatrixView<T>(_h, 0, rows, outputs);
        var hz = new MatrixView<T>(_hz, 0, rows, outputs);
        var p = new MatrixView<T>(_p, 0, rows, outputs);
        var vz = new MatrixView<T>(_vz, 0, rows, inputs);
        var v = new MatrixView<T>(_v, 0, rows, inputs);
        var difference = new MatrixView<T>(_difference, 0, rows, inputs);

        Sample(p0.Span, h.Span);
        var mse = double.NaN;
        for (var t = 1; t <= _k; t++)
        {
            mm.Multiply(h, false, dense.W, false, vz);
            AddToRows(vz, _c.Value);
            _visible.Forward(vz.Span, v.Span);
            if (t == 1) mse = MeanSquaredError(v, x, difference);
            mm.Multiply(v, false, dense.W, true, hz);
            AddToRows(hz, dense.Bias.Value);
            _hidden.Forward(hz.Span, p.Span);
            if (t < _k) Sample(p.Span, h.Span);
        }

        // ∂W = (p_kᵀ·v_k − p₀ᵀ·v₀)/B: −p₀ into h (its samples are spent), then both products into W's Grad.
        var grad = new MatrixView<T>(dense.Weight.Grad, 0, outputs, inputs);
        TensorPrimitives.Negate(p0.Span, h.Span);
        mm.Multiply(h, true, x, false, grad);
        mm.Multiply(p, true, v, false, grad, accumulate: true);
        var perExample = T.One / T.CreateTruncating(rows);
        TensorPrimitives.Multiply(dense.Weight.Grad, perExample, dense.Weight.Grad);
        TensorPrimitives.Add(p.Span, h.Span, p.Span);
        SumRows(p, dense.Bias.Grad);
        TensorPrimitives.Multiply(dense.Bias.Grad, perExample, dense.Bias.Grad);
        TensorPrimitives.Subtract(v.Span, x.Span, difference.Span);
        SumRows(difference, _c.Grad);
        TensorPrimitives.Multiply(_c.Grad, perExample, _c.Grad);
        return mse;
    }

    /// <summary>h = 1 with probability p, else 0; one uniform draw per unit, row by row, from the method's generator.</summary>
    private void Sample(ReadOnlySpan<T> probabilities, Span<T> h)
    {
        for (var i = 0; i < probabilities.Length; i++) h[i] = _rng.NextDouble() < double.CreateTruncating(probabilities[i]) ? T.One : T.Zero;
    }
}
