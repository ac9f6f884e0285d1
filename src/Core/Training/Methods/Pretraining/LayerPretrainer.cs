using System.Numerics.Tensors;
using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Optimizers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training.Methods.Pretraining;

/// <summary>
/// One hidden layer's unsupervised objective during its pretraining phase: from a batch x [B, in] of the codes of the
/// frozen layers below, and the layer's own code h = φ(x·Wᵀ + b) [B, out] left by the net's forward pass, it writes the
/// gradient (or, for an rbm, the contrastive-divergence estimate) of every parameter it trains into their Grad and
/// returns the reconstruction's mean squared error. The layer's W and b are the net's; the decoder's are its own state.
/// </summary>
internal abstract class LayerPretrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected LayerPretrainer(FeedForwardLayer<T> layer, int index, IReadOnlyList<Parameter<T>> decoder, OptimizerSpec optimizer)
    {
        Layer = layer;
        Index = index;
        Decoder = decoder;
        Parameters = [layer.Dense.Weight, layer.Dense.Bias, .. decoder];
        Optimizer = Optimizer<T>.Create(optimizer, Parameters);
    }

    /// <summary>The 0-based layer pretrained.</summary>
    public int Index { get; }

    public FeedForwardLayer<T> Layer { get; }

    /// <summary>The decoder's own parameters (visible bias c, an untied decoder's matrix): checkpointed with the method.</summary>
    public IReadOnlyList<Parameter<T>> Decoder { get; }

    /// <summary>What the phase trains, in the optimizer's order: the layer's W and b, then the decoder's parameters.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The phase's optimizer (the run's kind and settings at the pretraining's learning rate).</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>‖δ‖ = ‖∂L/∂z‖ of the layer in the last <see cref="Gradients"/>, NaN when the objective back-propagates none (rbm).</summary>
    public double DeltaNorm { get; protected set; } = double.NaN;

    /// <summary>The layer's share of saturated units in the last <see cref="Gradients"/>, NaN when not measured (rbm).</summary>
    public double Saturation { get; protected set; } = double.NaN;

    /// <summary>Writes every parameter's Grad for the batch <paramref name="x"/> (the layer's code of it is in the layer's buffers); returns the reconstruction's mean squared error over the [B, in] entries.</summary>
    public abstract double Gradients(MatrixProduct<T> mm, MatrixView<T> x);

    /// <summary>The decoder's activation ψ: the first layer reconstructs the data (the spec's choice), higher layers the net's own codes.</summary>
    public static ActivationKind DecoderKind(PretrainingSpec spec, ModelSpec model, int index) =>
        index > 0 ? model.Activation : spec.DecoderActivation == DecoderActivation.Sigmoid ? ActivationKind.Sigmoid : ActivationKind.Identity;

    /// <summary>The visible bias c [in], zero at the start.</summary>
    protected static Parameter<T> VisibleBias(int index, int inputs) =>
        new($"pretraining.layers.{index}.decoder.bias", index, inputs) { Role = ParameterRole.Bias };

    /// <summary>m += row vector <paramref name="v"/> on every row.</summary>
    protected static void AddToRows(MatrixView<T> m, ReadOnlySpan<T> v)
    {
        for (var i = 0; i < m.Rows; i++) TensorPrimitives.Add(m.Row(i), v, m.Row(i));
    }

    /// <summary>Σ over rows of <paramref name="m"/>, into <paramref name="into"/> (overwritten).</summary>
    protected static void SumRows(MatrixView<T> m, Span<T> into)
    {
        into.Clear();
        for (var i = 0; i < m.Rows; i++) TensorPrimitives.Add(into, m.Row(i), into);
    }

    /// <summary>Σ(a − b)² / (rows·cols) in float64, with a − b left in <paramref name="difference"/>.</summary>
    protected static double MeanSquaredError(MatrixView<T> a, MatrixView<T> b, MatrixView<T> difference)
    {
        TensorPrimitives.Subtract(a.Span, b.Span, difference.Span);
        return Reductions.SumOfSquares<T>(difference.Span) / a.Length;
    }
}
